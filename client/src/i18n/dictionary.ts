/**
 * i18n/dictionary — every interface string in Chinese and English.
 *
 * Domain words (node kinds, relationship verbs) are not repeated here: they
 * come from graph/model so the legend, the API and the sentences agree.
 */
import { NODE_KIND_INFO, REL_TYPE_INFO, type Bilingual, type Evidence, type NodeKind, type RelType } from '../../../graph/model';

/** The two interface languages. */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

const en = {
  appTitle: 'LLM Landscape Explorer',
  appSubtitle: 'Challenges, outlooks and technologies of large models',
  searchPlaceholder: 'Search nodes (中文 or English)… press /',
  searchLabel: 'Search nodes',
  searchNoHits: 'No matches',
  searchFailed: 'Search failed: {message}',
  language: 'Language',
  undo: 'Undo',
  redo: 'Redo',
  fit: 'Fit to screen',
  export: 'Export',
  exportPng: 'Image (PNG)',
  exportGexf: 'GEXF (Gephi)',
  exportGraphml: 'GraphML',
  exportJson: 'JSON',
  exportCsv: 'CSV',
  exportDone: 'Exported {file}',
  exportFailed: 'Export failed: {message}',
  legend: 'Node kinds',
  legendHint: 'Click a kind to show or hide it',
  showKind: 'Show {kind}',
  hideKind: 'Hide {kind}',
  tabDetails: 'Details',
  tabPaths: 'Paths',
  tabFilters: 'Filters',
  tabTable: 'Table',
  tabConsole: 'Console',
  panels: 'Panels',
  openPanel: 'Open panel',
  closePanel: 'Close panel',
  loadingGraph: 'Loading the graph…',
  layoutRunning: 'Computing a layout…',
  loadFailed: 'Could not load the graph: {message}',
  retry: 'Retry',
  showingOf: 'Showing {shown} of {total} nodes',
  nothingSelected: 'Select a node on the graph, in the table or through search to see its details.',
  loading: 'Loading…',
  kind: 'Kind',
  description: 'Description',
  aliases: 'Aliases',
  properties: 'Properties',
  evidence: 'Evidence',
  evidenceStated: 'stated in the article',
  evidenceInferred: 'inferred',
  evidenceStatedShort: 'stated',
  evidenceInferredShort: 'inferred',
  rationale: 'Rationale',
  provenance: 'Provenance',
  noCitations: 'No citation recorded.',
  quoteUnplaced: 'The quote could not be placed in its paragraph.',
  relationships: 'Relationships',
  noRelationships: 'No relationships.',
  mentions: 'Mentioned in',
  id: 'Id',
  degree: 'Degree',
  expand: 'Expand neighbours',
  expandAction: 'Expand',
  collapse: 'Collapse',
  depth: 'Depth',
  limit: 'Limit',
  onlyKinds: 'Only these kinds',
  onlyTypes: 'Only these relationships',
  any: 'any',
  expanded: 'Added {count} nodes.',
  expandedNothing: 'No further neighbours to add.',
  truncated: 'Showing {shown} of {total} neighbours (limit reached).',
  close: 'Close',
  pathFinder: 'Path finder',
  from: 'From',
  to: 'To',
  pickNode: 'Type to pick a node…',
  mode: 'Mode',
  modeShortest: 'Shortest',
  modeAll: 'All shortest',
  modeK: 'k paths',
  k: 'k',
  maxHops: 'Max hops',
  allowTypes: 'Relationship types to allow',
  allTypes: 'all types',
  exclude: 'Nodes to exclude',
  remove: 'Remove {name}',
  findPaths: 'Find paths',
  clearPaths: 'Clear',
  swap: 'Swap',
  pathsFound: '{count} path(s) found',
  pathN: 'Path {n} · {length} hop(s)',
  showAllPaths: 'Highlight all',
  noPath: 'No path found.',
  pathNeedsEnds: 'Pick both ends first.',
  filters: 'Filters',
  relTypes: 'Relationship types',
  evidenceFilter: 'Relationship evidence',
  nodeKinds: 'Node kinds',
  resetFilters: 'Reset filters',
  tableNodes: 'Visible nodes ({count})',
  tableEdges: 'Visible relationships ({count})',
  tableNodesLabel: 'Visible nodes of the graph',
  tableEdgesLabel: 'Visible relationships of the graph',
  name: 'Name',
  source: 'Source',
  relation: 'Relation',
  target: 'Target',
  console: 'Cypher console',
  consoleHint: 'Read-only queries. Ctrl+Enter runs.',
  run: 'Run',
  running: 'Running…',
  templates: 'Templates',
  chooseTemplate: 'Choose a template…',
  runTemplate: 'Run template',
  results: '{rows} row(s) in {ms} ms',
  resultsTruncated: '(truncated)',
  addToView: 'Add {count} node(s) to the view',
  addedToView: 'Added to the view.',
  readOnlyError: 'Refused: the console is read-only — queries that write (CREATE, MERGE, SET, DELETE…) are not allowed.',
  queryError: 'Query failed',
  noRows: 'No rows.',
  errorPrefix: 'Error',
  shortcuts: 'Shortcuts: / search · f fit · Esc clear · Ctrl+Z undo · Ctrl+Shift+Z redo',
  graphCanvas: 'Knowledge graph canvas. Use the table tab for a keyboard-accessible list of the same nodes.',
  selectedNode: 'Selected: {name}',
  clearSelection: 'Clear selection',
  linkCopied: 'Link copied',
  copyLink: 'Copy link',
  layoutSavedLocal: 'Layout kept in this browser.',
};

/** Keys of the interface dictionary. */
export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  appTitle: '大模型图谱浏览器',
  appSubtitle: '大模型的挑战、展望与技术',
  searchPlaceholder: '搜索节点(中文或英文)… 按 /',
  searchLabel: '搜索节点',
  searchNoHits: '无匹配结果',
  searchFailed: '搜索失败:{message}',
  language: '语言',
  undo: '撤销',
  redo: '重做',
  fit: '适应屏幕',
  export: '导出',
  exportPng: '图片 (PNG)',
  exportGexf: 'GEXF (Gephi)',
  exportGraphml: 'GraphML',
  exportJson: 'JSON',
  exportCsv: 'CSV',
  exportDone: '已导出 {file}',
  exportFailed: '导出失败:{message}',
  legend: '节点类别',
  legendHint: '点击类别以显示或隐藏',
  showKind: '显示{kind}',
  hideKind: '隐藏{kind}',
  tabDetails: '详情',
  tabPaths: '路径',
  tabFilters: '筛选',
  tabTable: '表格',
  tabConsole: '控制台',
  panels: '面板',
  openPanel: '打开面板',
  closePanel: '关闭面板',
  loadingGraph: '正在加载图谱…',
  layoutRunning: '正在计算布局…',
  loadFailed: '无法加载图谱:{message}',
  retry: '重试',
  showingOf: '显示 {shown} / {total} 个节点',
  nothingSelected: '在图上、表格中或通过搜索选择一个节点以查看详情。',
  loading: '加载中…',
  kind: '类别',
  description: '描述',
  aliases: '别名',
  properties: '属性',
  evidence: '证据',
  evidenceStated: '原文明确陈述',
  evidenceInferred: '推断',
  evidenceStatedShort: '陈述',
  evidenceInferredShort: '推断',
  rationale: '推断依据',
  provenance: '出处',
  noCitations: '没有记录引文。',
  quoteUnplaced: '无法在段落中定位该引文。',
  relationships: '关系',
  noRelationships: '没有关系。',
  mentions: '提及于',
  id: '标识',
  degree: '度',
  expand: '展开邻居',
  expandAction: '展开',
  collapse: '收起',
  depth: '深度',
  limit: '上限',
  onlyKinds: '仅这些类别',
  onlyTypes: '仅这些关系',
  any: '不限',
  expanded: '新增 {count} 个节点。',
  expandedNothing: '没有更多可添加的邻居。',
  truncated: '显示 {shown} / {total} 个邻居(已达上限)。',
  close: '关闭',
  pathFinder: '路径查找',
  from: '起点',
  to: '终点',
  pickNode: '输入以选择节点…',
  mode: '模式',
  modeShortest: '最短路径',
  modeAll: '全部最短路径',
  modeK: 'k 条路径',
  k: 'k',
  maxHops: '最大跳数',
  allowTypes: '允许的关系类型',
  allTypes: '全部类型',
  exclude: '排除的节点',
  remove: '移除 {name}',
  findPaths: '查找路径',
  clearPaths: '清除',
  swap: '交换',
  pathsFound: '找到 {count} 条路径',
  pathN: '路径 {n} · {length} 跳',
  showAllPaths: '全部高亮',
  noPath: '未找到路径。',
  pathNeedsEnds: '请先选择起点和终点。',
  filters: '筛选',
  relTypes: '关系类型',
  evidenceFilter: '关系证据',
  nodeKinds: '节点类别',
  resetFilters: '重置筛选',
  tableNodes: '可见节点({count})',
  tableEdges: '可见关系({count})',
  tableNodesLabel: '图谱中的可见节点',
  tableEdgesLabel: '图谱中的可见关系',
  name: '名称',
  source: '起点',
  relation: '关系',
  target: '终点',
  console: 'Cypher 控制台',
  consoleHint: '只读查询。Ctrl+Enter 运行。',
  run: '运行',
  running: '运行中…',
  templates: '查询模板',
  chooseTemplate: '选择模板…',
  runTemplate: '运行模板',
  results: '{rows} 行,用时 {ms} 毫秒',
  resultsTruncated: '(已截断)',
  addToView: '将 {count} 个节点加入视图',
  addedToView: '已加入视图。',
  readOnlyError: '已拒绝:控制台为只读 —— 不允许写入类查询(CREATE、MERGE、SET、DELETE…)。',
  queryError: '查询失败',
  noRows: '没有结果。',
  errorPrefix: '错误',
  shortcuts: '快捷键:/ 搜索 · f 适应屏幕 · Esc 清除 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做',
  graphCanvas: '知识图谱画布。可在“表格”标签页中用键盘浏览相同的节点。',
  selectedNode: '已选择:{name}',
  clearSelection: '清除选择',
  linkCopied: '链接已复制',
  copyLink: '复制链接',
  layoutSavedLocal: '布局已保存在本浏览器中。',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, zh };

/**
 * The interface string `key` in `lang`, with `{name}` placeholders filled
 * from `params`. Unknown placeholders are left visible so a typo shows.
 */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = MESSAGES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the `lang` side of a bilingual text, falling back to the other side when empty. */
export function pick(text: Bilingual | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text[lang === 'zh' ? 'en' : 'zh'];
}

/** The display name of a node-like record in `lang` (falling back to the other name, then the id). */
export function nodeName(node: { id?: string; name_zh?: string; name_en?: string }, lang: Lang): string {
  const primary = lang === 'zh' ? node.name_zh : node.name_en;
  const secondary = lang === 'zh' ? node.name_en : node.name_zh;
  return primary || secondary || node.id || '';
}

/** The name of a node kind in `lang`. */
export function kindName(kind: NodeKind, lang: Lang): string {
  return NODE_KIND_INFO[kind]?.name[lang] ?? kind;
}

/** The verb of a relationship type in `lang` ("mitigates" / "缓解"). */
export function relVerb(type: RelType, lang: Lang): string {
  return REL_TYPE_INFO[type]?.verb[lang] ?? type;
}

/** The evidence status in words (`short`: one word, for tables). */
export function evidenceName(evidence: Evidence, lang: Lang, short = false): string {
  if (short) return t(lang, evidence === 'stated' ? 'evidenceStatedShort' : 'evidenceInferredShort');
  return t(lang, evidence === 'stated' ? 'evidenceStated' : 'evidenceInferred');
}

/** Whether a string is one of the interface languages (for URL and storage input). */
export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

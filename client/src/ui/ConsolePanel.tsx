/**
 * ui/ConsolePanel — the read-only Cypher console: an editor, the server's
 * query templates with their parameters, and results as a table and as
 * nodes that can be added to the view.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CypherResultDTO, TemplateDTO, TemplateParamDTO } from '../../../graph/contracts';
import { ApiError } from '../api/client';
import { cellText, resultLookup } from '../console/cells';
import type { CypherEditor } from '../console/editor';
import { namedParams, templateValues } from '../console/template-params';
import { pick, type Lang } from '../i18n/dictionary';
import { useExplorer, useI18n } from './context';
import { SearchBox } from './SearchBox';

const DEFAULT_QUERY = `MATCH (t:Technology)-[r:MITIGATES]->(c:Challenge)
RETURN t.name_en AS technology, c.name_en AS challenge
LIMIT 25`;

function ParamInput({
  param,
  value,
  onChange,
  lang,
}: {
  param: TemplateParamDTO;
  value: string;
  onChange: (v: string) => void;
  lang: Lang;
}) {
  const { t } = useI18n();
  const id = `tpl-param-${param.name}`;
  return (
    <div class="field">
      <label for={id}>
        <code>${param.name}</code> <span class="muted small">{pick(param.description, lang)}</span>
      </label>
      {param.kind ? (
        <SearchBox
          id={id}
          label={param.name}
          placeholder={t('pickNode')}
          kinds={[param.kind]}
          keepPicked
          initialText={value}
          onPick={(hit) => onChange(hit.id)}
          onEdit={() => onChange('')}
        />
      ) : param.type === 'integer' ? (
        <input id={id} type="number" class="narrow" value={value} onInput={(e) => onChange((e.target as HTMLInputElement).value)} />
      ) : (
        <input id={id} type="text" value={value} onInput={(e) => onChange((e.target as HTMLInputElement).value)} />
      )}
    </div>
  );
}

/** The console panel. */
export function ConsolePanel() {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CypherEditor | null>(null);
  const fallback = useRef<HTMLTextAreaElement>(null);
  const [editorFailed, setEditorFailed] = useState(false);
  const [templates, setTemplates] = useState<TemplateDTO[]>([]);
  const [templateName, setTemplateName] = useState('');
  const [params, setParams] = useState<Record<string, string>>({});
  const [result, setResult] = useState<CypherResultDTO | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  // Said before anything is sent (a node parameter with no node picked), in the interface's language.
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [added, setAdded] = useState(false);

  const runQuery = useRef<() => void>(() => undefined);

  useEffect(() => {
    let disposed = false;
    import('../console/editor')
      .then(({ createEditor }) => {
        if (disposed || !host.current) return;
        editor.current = createEditor(host.current, { value: DEFAULT_QUERY, onRun: () => runQuery.current(), ariaLabel: t('console') });
      })
      .catch((error: unknown) => {
        // The plain textarea below keeps the console usable; say why in the devtools.
        console.warn('console: the Cypher editor could not start', error);
        setEditorFailed(true);
      });
    explorer.api
      .templates()
      .then((list) => !disposed && setTemplates(list))
      .catch(() => undefined);
    return () => {
      disposed = true;
      editor.current?.destroy();
      editor.current = null;
    };
    // The editor is created once per mount; language changes only relabel the panel.
  }, [explorer]);

  async function execute(call: () => Promise<CypherResultDTO>) {
    setRunning(true);
    setError(null);
    setNotice(null);
    setAdded(false);
    try {
      setResult(await call());
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'ERROR', message: (e as Error).message });
    } finally {
      setRunning(false);
    }
  }

  const template = templates.find((x) => x.name === templateName);

  /** The values of `list` from their boxes, or null when one has no node (then the notice says which). */
  function valuesOf(list: readonly TemplateParamDTO[]): Record<string, unknown> | null {
    const values = templateValues(list, params);
    if ('missing' in values) {
      setResult(null);
      setError(null);
      setNotice(t('pickNodeFor', { box: `$${values.missing.name}` }));
      return null;
    }
    return values.values;
  }

  runQuery.current = () => {
    const query = editor.current?.getValue() ?? fallback.current?.value ?? '';
    if (!query.trim()) return;
    // The chosen template's boxes fill the parameters the editor's query names: its statement, as chosen or edited.
    const values = valuesOf(template ? namedParams(query, template.params) : []);
    if (values) void execute(() => explorer.api.cypher(query, values));
  };

  function chooseTemplate(name: string) {
    setTemplateName(name);
    // What the previous template's run said is not about this one.
    setError(null);
    setNotice(null);
    const chosen = templates.find((x) => x.name === name);
    if (!chosen) return;
    setParams(Object.fromEntries(chosen.params.map((p) => [p.name, p.default !== undefined ? String(p.default) : ''])));
    editor.current?.setValue(chosen.cypher);
    if (fallback.current) fallback.current.value = chosen.cypher;
  }

  function runTemplate(e: Event) {
    e.preventDefault();
    if (!template) return;
    const values = valuesOf(template.params);
    if (values) void execute(() => explorer.api.runTemplate(template.name, values));
  }

  const graphCount = result?.graph.nodes.length ?? 0;
  // Entities the result does not carry are named from the graph on screen, when it holds them.
  const store = explorer.store;
  const lookup = useMemo(() => (result ? resultLookup(result, lang, (id) => store.nameOf(id, lang)) : undefined), [result, lang, store]);
  return (
    <div class="console">
      <p class="muted small">{t('consoleHint')}</p>
      <form class="templates" onSubmit={runTemplate} aria-label={t('templates')}>
        <label for="template-select">{t('templates')}</label>
        <select id="template-select" value={templateName} onChange={(e) => chooseTemplate((e.target as HTMLSelectElement).value)}>
          <option value="">{t('chooseTemplate')}</option>
          {templates.map((x) => (
            <option key={x.name} value={x.name}>
              {pick(x.title, lang)}
            </option>
          ))}
        </select>
        {template && (
          <>
            <p class="muted small">{pick(template.description, lang)}</p>
            {template.params.map((p) => (
              <ParamInput
                key={p.name}
                param={p}
                lang={lang}
                value={params[p.name] ?? ''}
                onChange={(v) => setParams({ ...params, [p.name]: v })}
              />
            ))}
            <button type="submit" class="primary" disabled={running}>
              {t('runTemplate')}
            </button>
          </>
        )}
      </form>
      <div class="editor-host" ref={host} />
      {editorFailed && <textarea ref={fallback} class="editor-fallback" aria-label={t('console')} defaultValue={DEFAULT_QUERY} rows={6} />}
      <div class="row">
        <button type="button" class="primary" disabled={running} onClick={() => runQuery.current()}>
          {running ? t('running') : t('run')}
        </button>
      </div>
      <div aria-live="polite">
        {notice && (
          <p class="notice warning" role="alert" data-testid="console-notice">
            {notice}
          </p>
        )}
        {error && (
          <div class={`notice error ${error.code === 'READ_ONLY' ? 'read-only' : ''}`} role="alert" data-code={error.code}>
            <strong>{error.code === 'READ_ONLY' ? t('readOnlyError') : t('queryError')}</strong>
            <p class="small">
              <code>{error.code}</code> {error.message}
            </p>
          </div>
        )}
        {result && (
          <div class="results">
            <p class="row">
              <span>
                {t('results', { rows: result.rows.length, ms: Math.round(result.elapsedMs) })}{' '}
                {result.truncated ? t('resultsTruncated') : ''}
              </span>
              {graphCount > 0 && (
                <button
                  type="button"
                  disabled={added}
                  onClick={() => {
                    explorer.store.addToView(result.graph);
                    setAdded(true);
                  }}
                >
                  {added ? t('addedToView') : t('addToView', { count: graphCount })}
                </button>
              )}
            </p>
            {result.rows.length === 0 ? (
              <p class="muted">{t('noRows')}</p>
            ) : (
              <div class="table-scroll">
                <table class="data" aria-label={t('results', { rows: result.rows.length, ms: Math.round(result.elapsedMs) })}>
                  <thead>
                    <tr>
                      {result.columns.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {result.rows.map((row, i) => (
                      <tr key={i}>
                        {row.map((cell, j) => (
                          <td key={j}>{cellText(cell, lang, lookup)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

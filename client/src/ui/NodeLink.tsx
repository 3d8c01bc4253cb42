/**
 * ui/NodeLink — a node's kind dot and its name as a link that brings the node into view, leaving the
 * details panel as it is (lists of nodes inside the analytics and documents panels).
 */
import { nodeName } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import type { GraphNodeDTO } from '../../../graph/contracts';
import { useExplorer, useI18n } from './context';

export function NodeLink({ node }: { node: Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en'> }) {
  const explorer = useExplorer();
  const { lang } = useI18n();
  return (
    <>
      <span class="dot small-dot" style={{ background: kindColor(node.kind) }} aria-hidden="true" />
      <button type="button" class="link" data-node={node.id} onClick={() => void explorer.focus(node.id, { showDetails: false })}>
        {nodeName(node, lang)}
      </button>
    </>
  );
}

/**
 * test/unit/client-scale — which of sigma's levers a graph gets for its size (client/src/render/scale).
 * The browser test (test/e2e/explorer) checks that the renderer applies them.
 */
import { describe, expect, it } from 'vitest';
import {
  HIDE_EDGES_ON_MOVE_FROM,
  HIDE_LABELS_ON_MOVE_FROM,
  LIGHT_PROGRAMS_FROM,
  describeLevers,
  scaleEdge,
  scaleLevers,
  scaleNode,
} from '../../client/src/render/scale';

describe('render/scale', () => {
  it('switches the levers on at their thresholds: edges hidden on move, then labels, then the lighter programs', () => {
    expect(HIDE_EDGES_ON_MOVE_FROM).toBeLessThan(HIDE_LABELS_ON_MOVE_FROM);
    expect(HIDE_LABELS_ON_MOVE_FROM).toBeLessThan(LIGHT_PROGRAMS_FROM);
    const none = { hideEdgesOnMove: false, hideLabelsOnMove: false, lightPrograms: false };
    expect(scaleLevers({ size: 339 })).toEqual(none);
    expect(scaleLevers({ size: HIDE_EDGES_ON_MOVE_FROM - 1 })).toEqual(none);
    expect(scaleLevers({ size: HIDE_EDGES_ON_MOVE_FROM })).toEqual({ ...none, hideEdgesOnMove: true });
    // The 10k-node benchmark graph (49,968 edges) keeps its labels while moving; its 50k-node one does not.
    expect(scaleLevers({ size: 49_968 })).toEqual({ ...none, hideEdgesOnMove: true });
    expect(scaleLevers({ size: HIDE_LABELS_ON_MOVE_FROM })).toEqual({ ...none, hideEdgesOnMove: true, hideLabelsOnMove: true });
    expect(scaleLevers({ size: LIGHT_PROGRAMS_FROM })).toEqual({ hideEdgesOnMove: true, hideLabelsOnMove: true, lightPrograms: true });
    expect(describeLevers(scaleLevers({ size: 10 }))).toBe('none');
    expect(describeLevers(scaleLevers({ size: 250_000 }))).toBe(
      'hideEdgesOnMove + hideLabelsOnMove + lighter programs (EdgeLineProgram, NodePointProgram)',
    );
  });

  it('draws lines and points with the lighter programs, keeping an emphasised edge an arrow', () => {
    const light = { hideEdgesOnMove: true, hideLabelsOnMove: true, lightPrograms: true };
    const heavy = { hideEdgesOnMove: true, hideLabelsOnMove: false, lightPrograms: false };
    expect(scaleEdge({ type: 'curved' }, light).type).toBe('line');
    expect(scaleEdge({ type: 'arrow', zIndex: 0 }, light).type).toBe('line');
    expect(scaleEdge({ type: 'arrow', zIndex: 1 }, light).type).toBe('arrow');
    expect(scaleEdge({ type: 'curved' }, heavy).type).toBe('curved');
    expect(scaleNode({ type: 'circle' }, light).type).toBe('point');
    expect(scaleNode({ type: 'circle' }, heavy).type).toBe('circle');
  });
});

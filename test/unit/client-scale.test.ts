/**
 * test/unit/client-scale — which of sigma's levers a graph gets for its size (client/src/render/scale).
 * The browser test (test/e2e/explorer) checks that the renderer applies them.
 */
import { describe, expect, it } from 'vitest';
import {
  HIDE_EDGES_ON_MOVE_FROM,
  LIGHT_PROGRAMS_FROM,
  describeLevers,
  scaleEdge,
  scaleLevers,
  scaleNode,
} from '../../client/src/render/scale';

describe('render/scale', () => {
  it('switches the levers on at their thresholds, edges hidden on move before the lighter programs', () => {
    expect(HIDE_EDGES_ON_MOVE_FROM).toBeLessThan(LIGHT_PROGRAMS_FROM);
    expect(scaleLevers({ size: 339 })).toEqual({ hideEdgesOnMove: false, lightPrograms: false });
    expect(scaleLevers({ size: HIDE_EDGES_ON_MOVE_FROM - 1 })).toEqual({ hideEdgesOnMove: false, lightPrograms: false });
    expect(scaleLevers({ size: HIDE_EDGES_ON_MOVE_FROM })).toEqual({ hideEdgesOnMove: true, lightPrograms: false });
    expect(scaleLevers({ size: LIGHT_PROGRAMS_FROM })).toEqual({ hideEdgesOnMove: true, lightPrograms: true });
    expect(describeLevers(scaleLevers({ size: 10 }))).toBe('none');
    expect(describeLevers(scaleLevers({ size: 250_000 }))).toBe('hideEdgesOnMove + lighter programs (EdgeLineProgram, NodePointProgram)');
  });

  it('draws lines and points with the lighter programs, keeping an emphasised edge an arrow', () => {
    const light = { hideEdgesOnMove: true, lightPrograms: true };
    const heavy = { hideEdgesOnMove: true, lightPrograms: false };
    expect(scaleEdge({ type: 'curved' }, light).type).toBe('line');
    expect(scaleEdge({ type: 'arrow', zIndex: 0 }, light).type).toBe('line');
    expect(scaleEdge({ type: 'arrow', zIndex: 1 }, light).type).toBe('arrow');
    expect(scaleEdge({ type: 'curved' }, heavy).type).toBe('curved');
    expect(scaleNode({ type: 'circle' }, light).type).toBe('point');
    expect(scaleNode({ type: 'circle' }, heavy).type).toBe('circle');
  });
});

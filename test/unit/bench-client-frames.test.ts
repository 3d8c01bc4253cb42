/**
 * How many frames the client benchmark times per graph size: enough beside the explorer for a steady median,
 * few where sigma's defaults make a 50k-node frame take seconds.
 */
import { describe, expect, it } from 'vitest';
import { framesFor } from '../../bench/client/measure';

describe('bench client framesFor', () => {
  it('times every asked-for frame below 10k nodes', () => {
    expect(framesFor(1_000, 40, 'levers')).toBe(40);
    expect(framesFor(1_000, 40, 'defaults')).toBe(40);
  });

  it('times 16 frames from 10k nodes up when both pages draw with the explorer’s levers', () => {
    expect(framesFor(10_000, 40, 'levers')).toBe(16);
    expect(framesFor(50_000, 40, 'levers')).toBe(16);
    expect(framesFor(50_000, 8, 'levers')).toBe(8);
  });

  it('times 4 frames of the 50k-node graph from sigma’s defaults', () => {
    expect(framesFor(10_000, 40, 'defaults')).toBe(16);
    expect(framesFor(50_000, 40, 'defaults')).toBe(4);
  });
});

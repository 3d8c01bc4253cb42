/**
 * bench/client/trace: a Chrome trace's timed frames split into the page's own work, its wait in readPixels
 * and the GPU process's work, from events shaped as Chromium writes them.
 */
import { describe, expect, it } from 'vitest';
import { summarizeTrace } from '../../bench/client/trace';
import { FRAME_MEASURE } from '../../bench/client/types';

const RENDERER = 10;
const GPU = 20;
const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name } });
const x = (pid: number, tid: number, name: string, startMs: number, durMs: number) => ({
  ph: 'X',
  name,
  pid,
  tid,
  ts: startMs * 1000,
  dur: durMs * 1000,
});
// performance.measure in the page: a nestable async pair on the renderer's main thread.
const frame = (startMs: number, endMs: number) => [
  { ph: 'b', cat: 'blink.user_timing', name: FRAME_MEASURE, pid: RENDERER, tid: 1, ts: startMs * 1000, id2: { local: '0x20' } },
  { ph: 'e', cat: 'blink.user_timing', name: FRAME_MEASURE, pid: RENDERER, tid: 1, ts: endMs * 1000, id2: { local: '0x20' } },
];

describe('summarizeTrace', () => {
  it("splits each timed frame into main-thread work, the wait in readPixels and the GPU process's tasks", () => {
    const trace = {
      traceEvents: [
        meta(RENDERER, 1, 'CrRendererMain'),
        meta(RENDERER, 2, 'Compositor'),
        meta(GPU, 1, 'CrGpuMain'),
        // The reset frame before the camera path (it draws the edges): not a timed frame, left out.
        x(RENDERER, 1, 'GLES2::ReadPixels', 0, 90),
        x(GPU, 1, 'GPUTask', 0, 90),
        ...frame(100, 600),
        ...frame(600, 1100),
        // Nested events of the same wait are counted once; another thread's readPixels is not this page's wait.
        x(RENDERER, 1, 'GLES2::ReadPixels', 200, 300),
        x(RENDERER, 1, 'GLES2::ReadPixels', 200, 300),
        x(RENDERER, 1, 'GLES2::ReadPixels', 500, 10),
        x(RENDERER, 1, 'GLES2::ReadPixels', 700, 390),
        x(RENDERER, 2, 'GLES2::ReadPixels', 100, 900),
        // GPU tasks: one running past the last frame's end counts up to it.
        x(GPU, 1, 'GPUTask', 190, 300),
        x(GPU, 1, 'GPUTask', 690, 500),
      ],
    };
    // Waits 310 + 390 ms, GPU 300 + 410 ms over two frames of 500 ms.
    expect(summarizeTrace(trace)).toEqual({ frames: 2, frameMs: 500, readPixelsWaitMs: 350, mainThreadMs: 150, gpuProcessMs: 355 });
  });

  it('says when the trace holds no timed frame', () => {
    expect(() => summarizeTrace({ traceEvents: [meta(RENDERER, 1, 'CrRendererMain'), x(RENDERER, 1, 'RunTask', 0, 400)] })).toThrow(
      /0 frame starts and 0 ends marked/,
    );
  });
});

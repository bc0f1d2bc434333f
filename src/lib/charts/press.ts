/**
 * A press that moves further than this, in CSS pixels, is a drag (a zoom or a
 * pan), never a click, though the browser ends it with a click event.
 */
const DRAG_PX = 4;

const presses = new WeakMap<HTMLCanvasElement, { x: number; y: number }>();

/** Records where each press on `canvas` starts; returns the function that stops it. */
export function watchPresses(canvas: HTMLCanvasElement): () => void {
  const press = (event: PointerEvent) => presses.set(canvas, { x: event.clientX, y: event.clientY });
  canvas.addEventListener('pointerdown', press, { capture: true });
  return () => canvas.removeEventListener('pointerdown', press, { capture: true });
}

/**
 * True when the click `event` on `canvas` ends a press that moved: the chart
 * must not act on it. The click still reaches Chart.js, whose zoom plugin
 * expects the click that follows its drag, and drops it itself.
 */
export function endsDrag(canvas: HTMLCanvasElement, event: Event | null | undefined): boolean {
  const down = presses.get(canvas);
  if (!down || !(event instanceof MouseEvent)) return false;
  return Math.hypot(event.clientX - down.x, event.clientY - down.y) > DRAG_PX;
}

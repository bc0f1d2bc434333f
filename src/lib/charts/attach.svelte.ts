import type { ChartConfiguration, ChartType, DefaultDataPoint, Plugin } from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import { Chart, loadAnnotation } from './register';
import { chartTheme } from './theme.svelte';

// Flipped once chartjs-plugin-annotation is registered, so that every chart
// waiting for it draws then.
let annotationReady = $state(false);

function wantsAnnotation(config: ChartConfiguration<ChartType, unknown>): boolean {
  return !!(config.options?.plugins as { annotation?: unknown } | undefined)?.annotation;
}

/** A press that moves further than this, in CSS pixels, is a drag, never a click. */
const DRAG_PX = 4;

/**
 * The one owner of a chart's life: creates it on the canvas, hands it each new
 * config (data and options are replaced, then one update without animation),
 * and destroys it with the canvas. `onDrawn` runs after the chart has drawn
 * data it was just given, not on hover redraws.
 */
export function chart<T extends ChartType, D = DefaultDataPoint<T>>(
  config: () => ChartConfiguration<T, D>,
  onDrawn?: () => void,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let instance: Chart<T, D> | undefined;
    let fresh = false;
    const drawn: Plugin<T> = {
      id: 'parallaxDrawn',
      afterRender() {
        if (!fresh) return;
        fresh = false;
        onDrawn?.();
      },
    };

    chartTheme.start();
    // Guards every chart: a press that moved (a drag to zoom or pan) ends in a
    // click event too, which must not open what lies under the pointer.
    let down: { x: number; y: number } | null = null;
    const press = (event: PointerEvent) => (down = { x: event.clientX, y: event.clientY });
    const click = (event: MouseEvent) => {
      if (down && Math.hypot(event.clientX - down.x, event.clientY - down.y) > DRAG_PX) {
        event.stopImmediatePropagation();
      }
    };
    canvas.addEventListener('pointerdown', press, { capture: true });
    canvas.addEventListener('click', click, { capture: true });

    $effect(() => {
      // A change of theme rebuilds the chart in the new colours.
      void chartTheme.version;
      const next = config();
      if (!annotationReady && wantsAnnotation(next as ChartConfiguration<ChartType, unknown>)) {
        void loadAnnotation().then(() => (annotationReady = true));
        return;
      }
      fresh = true;
      if (!instance) {
        instance = new Chart(canvas, { ...next, plugins: [...(next.plugins ?? []), drawn] });
        return;
      }
      instance.data = next.data;
      instance.options = (next.options ?? {}) as typeof instance.options;
      instance.update('none');
    });

    return () => {
      canvas.removeEventListener('pointerdown', press, { capture: true });
      canvas.removeEventListener('click', click, { capture: true });
      instance?.destroy();
      instance = undefined;
    };
  };
}

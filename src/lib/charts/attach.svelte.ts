import type { ChartConfiguration, ChartType, DefaultDataPoint, Plugin } from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import { Chart, loadAnnotation, loadHover } from './register';
import { watchPresses } from './press';
import { chartTheme } from './theme.svelte';

// Flipped once chartjs-plugin-annotation is registered, so that every chart
// waiting for it draws then.
let annotationReady = $state(false);

function wantsAnnotation(config: ChartConfiguration<ChartType, unknown>): boolean {
  return !!(config.options?.plugins as { annotation?: unknown } | undefined)?.annotation;
}

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
    // Made before chartjs-plugin-annotation was registered: the plugin keeps a
    // state per chart that it makes when a chart is made, so such a chart is
    // made again once it is registered (an update alone throws in the plugin).
    let madeBeforeAnnotation = false;
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
    const stopWatching = watchPresses(canvas);

    // The tooltip comes in its own chunk with the first pointer over a chart;
    // the chart takes it up at its next update, and the pointer's latest place
    // is given again, so the point it rests on is described without a new move.
    let pointer: { clientX: number; clientY: number } | null = null;
    const track = (event: PointerEvent) => (pointer = { clientX: event.clientX, clientY: event.clientY });
    const leave = () => (pointer = null);
    const wantHover = () =>
      void loadHover().then(() => {
        if (!instance) return;
        instance.update('none');
        if (pointer) canvas.dispatchEvent(new MouseEvent('mousemove', { ...pointer, bubbles: true }));
      });
    canvas.addEventListener('pointermove', track);
    canvas.addEventListener('pointerleave', leave);
    canvas.addEventListener('pointerenter', wantHover, { once: true });
    canvas.addEventListener('touchstart', wantHover, { once: true, passive: true });

    // Chart.js follows its box's size a frame late, after a page laid out for
    // print may already be on paper: redraw in the print layout's boxes at once
    // (src/print.css sizes them), and again on the way back to the screen.
    const printing = window.matchMedia('print');
    const fit = () => instance?.resize();
    printing.addEventListener('change', fit);

    $effect(() => {
      // A change of theme rebuilds the chart in the new colours.
      void chartTheme.version;
      const next = config();
      if (!annotationReady && wantsAnnotation(next as ChartConfiguration<ChartType, unknown>)) {
        void loadAnnotation().then(() => (annotationReady = true));
        return;
      }
      fresh = true;
      if (!instance || (madeBeforeAnnotation && annotationReady)) {
        instance?.destroy();
        madeBeforeAnnotation = !annotationReady;
        instance = new Chart(canvas, { ...next, plugins: [...(next.plugins ?? []), drawn] });
        return;
      }
      instance.data = next.data;
      instance.options = (next.options ?? {}) as typeof instance.options;
      instance.update('none');
    });

    return () => {
      stopWatching();
      printing.removeEventListener('change', fit);
      canvas.removeEventListener('pointermove', track);
      canvas.removeEventListener('pointerleave', leave);
      canvas.removeEventListener('pointerenter', wantHover);
      canvas.removeEventListener('touchstart', wantHover);
      instance?.destroy();
      instance = undefined;
    };
  };
}

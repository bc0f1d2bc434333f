import type { ChartConfiguration, ChartType } from 'chart.js';
import type { ChartHeading } from '../charts/export';
import { today } from '../domain/dates';
import { notices } from '../state/notices.svelte';
import { downloadBlob } from './download';
import { messageOf } from './errors';

/** `United States → Iran` → `united-states-iran`: a file name any system accepts. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, ' ')
      .trim()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .toLowerCase()
      .slice(0, 60) || 'chart'
  );
}

/** Saves the chart of `config` as a PNG with its heading drawn in; says so, or says what failed. */
export async function downloadChart(
  config: ChartConfiguration<ChartType, unknown>,
  heading: ChartHeading,
  size: { width: number; height: number; keepAspect?: boolean },
  name: string,
): Promise<boolean> {
  try {
    const { chartImage } = await import('../charts/export');
    const blob = await chartImage(config, heading, size.width, size.height, size.keepAspect);
    downloadBlob(blob, `parallax-${fileSlug(name)}-${today()}.png`);
    return true;
  } catch (error) {
    notices.error(
      `Could not save the chart as an image: ${messageOf(error) || 'an unexpected error occurred'}`,
    );
    return false;
  }
}

/** Copies the address of the current view (the URL hash holds it whole); false where the clipboard is out of reach. */
export async function copyViewLink(): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(location.href);
    return true;
  } catch {
    // Refused (no permission, or a page served over plain http): the caller shows the address to copy by hand.
    return false;
  }
}

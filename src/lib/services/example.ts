import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

/**
 * Loads the example (the 2019–20 US–Iran crisis). The data set and the code
 * that adds it are fetched as chunks of their own, so the first page carries
 * neither.
 */
export async function loadExample(): Promise<boolean> {
  try {
    const [{ EXAMPLE }, { addDataSet }] = await Promise.all([
      import('../db/example'),
      import('../db/dataset'),
    ]);
    const added = await addDataSet(EXAMPLE);
    notices.info(
      added
        ? `Loaded the example: ${added} signals of the 2019–20 US–Iran crisis.`
        : 'The example is already loaded.',
    );
    return true;
  } catch (error) {
    notices.error(describeError(error, 'load the example'));
    return false;
  }
}

/**
 * Calendar dates never shift with the analyst's time zone (PRODUCT.md §7). Each zone
 * below puts local midnight somewhere else against UTC: eight hours behind, on it,
 * three and a half ahead, and fourteen ahead (Kiritimati, which skipped a whole day).
 */
import { expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';

const ZONES = ['America/Los_Angeles', 'UTC', 'Asia/Tehran', 'Pacific/Kiritimati'] as const;

for (const timezoneId of ZONES) {
  test(`in ${timezoneId}, a signal dated 2020-01-03 is shown, filtered and exported as 2020-01-03`, async ({
    browser,
  }) => {
    const guarded = await newPage(browser, undefined, { timezoneId });
    const { page } = guarded;
    try {
      const app = new ParallaxApp(page);
      await app.open();
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);

      // Neighbours on either side, so a filter a day off in either direction shows.
      await app.nav('Data');
      await app.importFile(
        'neighbours.csv',
        'Date,Sender,Receiver,Title,Intended resolve,Perceived resolve,Kind\r\n' +
          '2020-01-02,United States,Iran,The day before,40,30,statement\r\n' +
          '2020-01-04,United States,Iran,The day after,40,30,statement\r\n',
        'text/csv',
      );
      await page.getByRole('button', { name: 'Import 2 signals' }).click();
      await expect.poll(() => app.storedSignalCount()).toBe(2);

      const title = `Logged in ${timezoneId}`;
      const form = await app.openSignalForm();
      await form.fill({
        date: '2020-01-03',
        sender: 'United States',
        receiver: 'Iran',
        title,
        kind: 'force',
        intended: '80',
        perceived: '75',
      });
      await form.save();
      await expect.poll(() => app.storedSignalCount()).toBe(3);

      // Shown: in the table, as 3 Jan 2020.
      await app.nav('Signals');
      const row = app.signalRow(title);
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('time').getAttribute('datetime')).toBe('2020-01-03');
      expect(await row.locator('time').innerText()).toBe('3 Jan 2020');

      // Filtered: from and until 2020-01-03 keeps it alone.
      await page.getByLabel('From', { exact: true }).fill('2020-01-03');
      await page.getByLabel('Until', { exact: true }).fill('2020-01-03');
      await expect.poll(() => app.signalRows().count()).toBe(1);
      expect(await app.signalRows().first().innerText()).toContain(title);
      expect(new URL(page.url()).hash).toContain('from=2020-01-03');
      expect(new URL(page.url()).hash).toContain('until=2020-01-03');

      // Exported: in both formats.
      await app.nav('Data');
      const json = await app.download('Export JSON');
      const signals = (JSON.parse(json.text) as { signals: { title: string; date: string }[] }).signals;
      expect(signals.find((s) => s.title === title)?.date).toBe('2020-01-03');
      expect(signals.map((s) => s.date).sort()).toEqual(['2020-01-02', '2020-01-03', '2020-01-04']);
      const csv = await app.download('Export CSV');
      const line = csv.text.split(/\r?\n/).find((l) => l.includes(title));
      expect(line?.split(',')[0]).toBe('2020-01-03');
    } finally {
      await guarded.close();
      guarded.assertClean();
    }
  });
}

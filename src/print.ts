/**
 * The printed report says when it was printed: the date goes on <main> as
 * `data-printed` just before printing, and src/print.css shows it in print only.
 */
import { formatDate, today } from './lib/domain/dates';
import './print.css';

function stampPrintDate(): void {
  document.getElementById('main')?.setAttribute('data-printed', formatDate(today()));
}

window.addEventListener('beforeprint', stampPrintDate);

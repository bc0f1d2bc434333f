/**
 * An event file as text, chunk by chunk: read from disk in slices and, for the
 * `.zip` GDELT publishes, inflated as it goes. Nothing holds the whole file.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { EventFileError } from '../domain/events/stream';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

async function* bytes(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * Calls `onText` with the file's text in order. `onProgress` gets the bytes
 * read so far of the file as stored (compressed, for a zip). `between`, when
 * given, is awaited after each part of the file is handed on.
 */
export async function readEventFile(
  file: Blob,
  name: string,
  onText: (text: string) => void,
  onProgress: (done: number, total: number) => void,
  between?: () => Promise<void>,
): Promise<void> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const zipped = ZIP_MAGIC.every((b, i) => head[i] === b);
  if (!zipped && /\.zip$/i.test(name))
    throw new EventFileError(`${name} is not a zip archive: it does not start as one. Nothing was written.`);
  const decoder = new TextDecoder('utf-8');
  let done = 0;
  if (!zipped) {
    for await (const chunk of bytes(file)) {
      onText(decoder.decode(chunk, { stream: true }));
      done += chunk.byteLength;
      onProgress(done, file.size);
      if (between) await between();
    }
    onText(decoder.decode());
    return;
  }

  // A GDELT zip holds one file, the export itself: the first file inside is read, the rest ignored.
  let started = false;
  let finished = false;
  let failure: unknown = null;
  const unzip = new Unzip((entry) => {
    if (started || entry.name.endsWith('/')) return;
    started = true;
    entry.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      try {
        onText(decoder.decode(data, { stream: !final }));
      } catch (e) {
        failure = e;
      }
      if (final) finished = true;
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const damaged = (detail: string) =>
    new EventFileError(`${name} is a damaged zip archive (${detail}). Nothing was written.`);
  try {
    for await (const chunk of bytes(file)) {
      unzip.push(chunk);
      if (failure) break;
      done += chunk.byteLength;
      onProgress(done, file.size);
      if (between) await between();
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (error) {
    failure ??= error;
  }
  if (failure instanceof EventFileError) throw failure;
  if (failure) throw damaged(failure instanceof Error ? failure.message : String(failure));
  if (!started)
    throw new EventFileError(`${name} is a zip archive with no file inside. Nothing was written.`);
  if (!finished) throw damaged('it ends before the file inside it does');
}

// The denominator of events_ratio: a plain streaming parse of an event file in
// a worker. The file is read in chunks, decoded, cut into lines and the lines
// into cells; nothing is kept but two counts.
self.onmessage = async (event) => {
  const reader = event.data.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let rows = 0;
  let cells = 0;
  const line = (text) => {
    if (!text) return;
    rows++;
    cells += text.split('\t').length;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = rest + decoder.decode(value, { stream: true });
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      line(text.slice(start, newline));
      start = newline + 1;
    }
    rest = text.slice(start);
  }
  line(rest + decoder.decode());
  self.postMessage({ rows, cells });
};

// The compromise NLP library on the Wiredesk corpus, for side-by-side figures in the benchmark.
// Usage: node run.js extract CORPUS_DIR   -> one JSON line per document: what compromise found
//        node run.js speed TEXTS.jsonl     -> one JSON line: throughput and peak memory over those texts
'use strict';
const fs = require('fs');
const path = require('path');
const nlp = require('compromise');

const [mode, corpusDir] = process.argv.slice(2);
const readCorpus = () => fs.readdirSync(corpusDir)
  .filter(f => /^\d+\.json$/.test(f))
  .sort()
  .map(f => JSON.parse(fs.readFileSync(path.join(corpusDir, f), 'utf8')));

const texts = d => d.body;
// compromise returns terms with their trailing punctuation and possessives ("Korean Peninsula,", "Korea's");
// trimming them is the fairest reading of its output, and the scorer trims ours the same way.
const clean = list => list.map(s => s.replace(/[\s,.;:!?)]+$/u, '').replace(/['\u2019]s$/u, '').replace(/^[\s(]+/u, '')).filter(s => s.length > 0);

if (mode === 'extract') {
  for (const d of readCorpus()) {
    const doc = nlp(texts(d));
    const out = {
      id: d.id,
      people: clean(doc.people().out('array')),
      organizations: clean(doc.organizations().out('array')),
      places: clean(doc.places().out('array')),
      quotes: doc.quotations().out('array').map(q => q.replace(/^[\s"\u201c\u2018']+|[\s"\u201d\u2019',.]+$/gu, '')),
      numbers: clean(doc.numbers().out('array').concat(doc.money().out('array'), doc.percentages().out('array'))),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  }
} else if (mode === 'speed') {
  // Here the second argument is a JSON Lines file of {"title","text"} written by the benchmark, so that both
  // sides analyse exactly the same texts.
  const lines = fs.readFileSync(corpusDir, 'utf8').split('\n').filter(l => l.length > 0);
  let bytes = 0;
  let peak = 0;
  const start = process.hrtime.bigint();
  lines.forEach((line, i) => {
    const text = JSON.parse(line).text;
    bytes += Buffer.byteLength(text);
    const doc = nlp(text);
    doc.people().out('array');
    doc.organizations().out('array');
    doc.places().out('array');
    doc.quotations().out('array');
    doc.numbers().out('array');
    if (i % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ reports: lines.length, seconds, bytes, peakRssBytes: peak }) + '\n');
} else {
  console.error('usage: node run.js extract CORPUS_DIR | speed TEXTS.jsonl');
  process.exit(2);
}

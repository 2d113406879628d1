// Preloaded (node --require) into the API and the raw server by the benchmark's equivalence check:
// while switched on (SIGWINCH toggles it: NestJS shutdown hooks own SIGUSR2), every statement sent through `pg` is appended, one JSON
// line each, to BENCH_SQL_LOG. Off, the cost is one boolean test per query.
'use strict';
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_SQL_LOG;
if (file) {
  let on = false;
  process.on('SIGWINCH', () => {
    on = !on;
  });
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function logged(config, ...rest) {
    if (on) {
      const text = typeof config === 'string' ? config : config && config.text;
      const values = Array.isArray(rest[0]) ? rest[0] : config && config.values;
      if (typeof text === 'string')
        appendFileSync(
          file,
          JSON.stringify({ pid: process.pid, text, n: values ? values.length : 0 }) + '\n',
        );
    }
    return query.call(this, config, ...rest);
  };
}

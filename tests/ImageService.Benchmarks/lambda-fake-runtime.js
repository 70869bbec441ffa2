#!/usr/bin/env node
// A fake Lambda Runtime API (2018-06-01) on 127.0.0.1 that starts the published `bootstrap` itself and measures:
//   cold  --bootstrap PATH --event FILE [--runs 20] [--cwd DIR]
//         for each run: spawn bootstrap (AWS_LAMBDA_RUNTIME_API pointing here), hand out the event on the first
//         /invocation/next, stop the clock when /invocation/{id}/response arrives, then SIGTERM the process.
//   cold-kestrel --bootstrap PATH --url URL [--runs 20]
//         the peer: the same binary started under Kestrel, from spawn to the first 200 answered for URL.
//   warm  --bootstrap PATH --event FILE --url URL [--token T] [--n 2000] [--warmup 300] [--rounds 3] [--cwd DIR]
//         per round: the same request N times, one at a time, through Kestrel (plain HTTP keep-alive to a
//         bootstrap started without AWS_LAMBDA_RUNTIME_API) and through the Lambda host (event handed out by /next
//         -> response posted back), and reports per-request latencies for both.
// Every mode takes --env "K=V,K2=V2" (extra environment) and --cwd DIR. Prints one JSON object on stdout. Everything binds to 127.0.0.1 only.
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const path = require('node:path');

function parseArgs(argv) {
  const [mode, ...rest] = argv;
  const options = { mode };
  for (let i = 0; i < rest.length; i += 2) {
    options[rest[i].replace(/^--/, '')] = rest[i + 1];
  }
  return options;
}

const nowNs = () => process.hrtime.bigint();
const ms = (ns) => Number(ns) / 1e6;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  const round = (v) => Math.round(v * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    mean: round(mean),
  };
}

/** The Runtime API: a queue of events, and a waiter per invocation id for what the runtime posts back. */
class RuntimeApi {
  constructor() {
    this.queue = [];
    this.pollers = [];
    this.waiters = new Map();
    this.nextId = 1;
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 0;
  }

  listen() {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(this.server.address().port)));
  }

  close() {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Queues an event; resolves with { kind, body, handedOutAt, postedAt } once the runtime answers. */
  invoke(eventBytes) {
    const id = `bench-${this.nextId++}`;
    const result = new Promise((resolve) => this.waiters.set(id, { resolve, handedOutAt: 0n }));
    const poller = this.pollers.shift();
    if (poller) poller({ id, eventBytes });
    else this.queue.push({ id, eventBytes });
    return result;
  }

  handle(req, res) {
    const url = req.url;
    if (req.method === 'GET' && url === '/2018-06-01/runtime/invocation/next') {
      const deliver = ({ id, eventBytes }) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'lambda-runtime-aws-request-id': id,
          'lambda-runtime-deadline-ms': String(Date.now() + 30000),
          'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
          'lambda-runtime-trace-id': 'Root=1-00000000-000000000000000000000000;Sampled=0',
        });
        this.waiters.get(id).handedOutAt = nowNs();
        res.end(eventBytes);
      };
      const queued = this.queue.shift();
      if (queued) deliver(queued);
      else {
        this.pollers.push(deliver);
        req.on('close', () => {
          const index = this.pollers.indexOf(deliver);
          if (index >= 0 && !res.writableEnded) this.pollers.splice(index, 1);
        });
      }
      return;
    }
    const match = /^\/2018-06-01\/runtime\/(?:invocation\/([^/]+)\/(response|error)|init\/(error))$/.exec(url);
    if (req.method === 'POST' && match) {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const postedAt = nowNs();
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('{"status":"OK"}');
        const body = Buffer.concat(chunks);
        if (match[3]) {
          process.stderr.write(`init error: ${body}\n`);
          for (const waiter of this.waiters.values()) waiter.resolve({ kind: 'init-error', body, postedAt });
          this.waiters.clear();
          return;
        }
        const waiter = this.waiters.get(decodeURIComponent(match[1]));
        if (!waiter) return;
        this.waiters.delete(decodeURIComponent(match[1]));
        waiter.resolve({ kind: match[2], body, handedOutAt: waiter.handedOutAt, postedAt });
      });
      return;
    }
    res.writeHead(404);
    res.end();
  }
}

/** --env "A=1,B=2": extra environment for the process under test (start-up knobs such as DOTNET_gcServer). */
function extraEnv(options) {
  return Object.fromEntries((options.env ?? '').split(',').filter(Boolean).map((pair) => pair.split('=')));
}

function start(bootstrap, cwd, env) {
  // Resolved before the spawn: the process starts in --cwd, where a relative path would point elsewhere.
  const child = spawn(path.resolve(bootstrap), [], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return child;
}

/** CPU time (user + system) the process has used so far, from /proc; 10 ms resolution. Less sensitive than wall time
 * to other work on a shared machine, and close to wall time on a dedicated core. */
function cpuMs(child) {
  try {
    const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (CLK_TCK = 100)
  } catch {
    return NaN;
  }
}

async function stop(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

function assertOk(outcome, label) {
  if (outcome.kind !== 'response') throw new Error(`${label}: runtime posted ${outcome.kind}: ${outcome.body}`);
  const response = JSON.parse(outcome.body.toString('utf8'));
  if (response.statusCode !== 200) throw new Error(`${label}: status ${response.statusCode}: ${response.body}`);
  return response;
}

async function cold(options) {
  const runs = Number(options.runs ?? 20);
  const event = fs.readFileSync(options.event);
  const runtime = new RuntimeApi();
  const port = await runtime.listen();
  const timings = [];
  const cpu = [];
  let lastResponse;
  try {
    for (let run = 0; run < runs; run++) {
      const pending = runtime.invoke(event);
      const startedAt = nowNs();
      const child = start(options.bootstrap, options.cwd ?? process.cwd(), {
        ...extraEnv(options),
        AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
        _HANDLER: options.handler ?? 'get',
      });
      const outcome = await Promise.race([
        pending,
        child.exited.then((exit) => { throw new Error(`bootstrap exited early: ${JSON.stringify(exit)}`); }),
      ]);
      timings.push(ms(outcome.postedAt - startedAt));
      cpu.push(cpuMs(child));
      lastResponse = assertOk(outcome, `cold run ${run + 1}`);
      await stop(child);
    }
  } finally {
    await runtime.close();
  }
  return { mode: 'cold', runsMs: timings.map((t) => Math.round(t * 10) / 10), summaryMs: summarise(timings), cpuMs: summarise(cpu), lastStatus: lastResponse.statusCode };
}

/** The peer: the same binary under Kestrel, from spawn to the end of the first 200 for --url (polled every 2 ms). */
async function coldKestrel(options) {
  const runs = Number(options.runs ?? 20);
  const url = new URL(options.url);
  const timings = [];
  const cpu = [];
  for (let run = 0; run < runs; run++) {
    const startedAt = nowNs();
    const child = start(options.bootstrap, options.cwd ?? process.cwd(), {
      ...extraEnv(options),
      ASPNETCORE_URLS: url.origin,
      AWS_LAMBDA_RUNTIME_API: '',
      _HANDLER: options.handler ?? 'get',
    });
    const agent = new http.Agent({ keepAlive: false });
    for (;;) {
      if (child.exitCode !== null) throw new Error(`bootstrap exited early: ${JSON.stringify(await child.exited)}`);
      try {
        await httpGet(agent, url, {});
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 2));
      }
      if (ms(nowNs() - startedAt) > 30000) throw new Error('Kestrel did not answer within 30 s');
    }
    timings.push(ms(nowNs() - startedAt));
    cpu.push(cpuMs(child));
    await stop(child);
  }
  return { mode: 'cold-kestrel', runsMs: timings.map((t) => Math.round(t * 10) / 10), summaryMs: summarise(timings), cpuMs: summarise(cpu) };
}

function httpGet(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`Kestrel answered ${res.statusCode} for ${url}`))));
    });
    req.on('error', reject);
  });
}

async function waitForHttp(url) {
  const agent = new http.Agent({ keepAlive: false });
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await httpGet(agent, url, {});
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`no answer from ${url}`);
}

async function measureKestrel(options, n, warmup) {
  const url = new URL(options.url);
  const child = start(options.bootstrap, options.cwd ?? process.cwd(), { ...extraEnv(options), ASPNETCORE_URLS: url.origin, AWS_LAMBDA_RUNTIME_API: '' });
  try {
    await waitForHttp(`${url.origin}/health`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = options.token ? { authorization: `Bearer ${options.token}` } : {};
    for (let i = 0; i < warmup; i++) await httpGet(agent, url, headers);
    const timings = [];
    for (let i = 0; i < n; i++) {
      const t0 = nowNs();
      await httpGet(agent, url, headers);
      timings.push(ms(nowNs() - t0));
    }
    agent.destroy();
    return timings;
  } finally {
    await stop(child);
  }
}

async function measureLambda(options, n, warmup) {
  const event = fs.readFileSync(options.event);
  const runtime = new RuntimeApi();
  const port = await runtime.listen();
  const child = start(options.bootstrap, options.cwd ?? process.cwd(), {
    ...extraEnv(options),
    AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
    _HANDLER: options.handler ?? 'get',
  });
  try {
    for (let i = 0; i < warmup; i++) assertOk(await runtime.invoke(event), 'warm-up');
    const timings = [];
    for (let i = 0; i < n; i++) {
      const outcome = await runtime.invoke(event);
      assertOk(outcome, 'warm');
      timings.push(ms(outcome.postedAt - outcome.handedOutAt));
    }
    return timings;
  } finally {
    await stop(child);
    await runtime.close();
  }
}

async function warm(options) {
  const n = Number(options.n ?? 2000);
  const warmup = Number(options.warmup ?? 300);
  const rounds = Number(options.rounds ?? 3);
  const results = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so drift on a shared machine does not always favour one host.
    const kestrelFirst = round % 2 === 0;
    const kestrel = kestrelFirst ? await measureKestrel(options, n, warmup) : null;
    const lambda = await measureLambda(options, n, warmup);
    const kestrelLate = kestrelFirst ? kestrel : await measureKestrel(options, n, warmup);
    const k = summarise(kestrelLate);
    const l = summarise(lambda);
    results.push({ round: round + 1, kestrelMs: k, lambdaMs: l, ratioP50: Math.round((l.p50 / k.p50) * 1000) / 1000, ratioMean: Math.round((l.mean / k.mean) * 1000) / 1000 });
  }
  const medianOf = (key) => [...results.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(results.length / 2)];
  return { mode: 'warm', url: options.url, rounds: results, medianRatioP50: medianOf('ratioP50'), medianRatioMean: medianOf('ratioMean') };
}

(async () => {
  const options = parseArgs(process.argv.slice(2));
  const modes = { cold, 'cold-kestrel': coldKestrel, warm };
  if (!modes[options.mode]) throw new Error('usage: lambda-fake-runtime.js cold|cold-kestrel|warm --bootstrap PATH [--event FILE] [--url URL] ...');
  const result = await modes[options.mode](options);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

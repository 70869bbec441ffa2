#!/usr/bin/env node
// A fake Lambda Runtime API (2018-06-01) on 127.0.0.1 that starts the published `bootstrap` itself and measures:
//   cold  --bootstrap PATH --event FILE [--handler list] [--runs 20] [--cwd DIR]
//         for each run: spawn bootstrap (AWS_LAMBDA_RUNTIME_API pointing here), hand out the event on the first
//         /invocation/next, stop the clock when /invocation/{id}/response arrives, read the process's peak RSS
//         (VmHWM), then SIGTERM it.
//   cold-kestrel --bootstrap PATH --url URL [--runs 20] [--cwd DIR]
//         a process under Kestrel (the peer: an empty Native AOT app, or the same binary), from spawn to the end of
//         the first 200 answered for URL (polled every 2 ms), with its peak RSS at that moment.
//   warm-groups --bootstrap PATH --spec FILE --url ORIGIN --token T --user ID [--cwd DIR] [--samples FILE]
//         per route group in the spec: the group's request N times, one at a time, through Kestrel (HTTP keep-alive
//         to the same binary started without AWS_LAMBDA_RUNTIME_API, serving all groups) and through the Lambda host
//         (a bootstrap with _HANDLER=group; event handed out by /next -> response posted back), the two hosts taking
//         turns request by request. Uploads give the ids the deletes then remove, so every DELETE hits an existing
//         image. --samples FILE writes every timed request of both hosts, in order.
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

/** CPU time the process's threads have used so far, in ms: the scheduler's own per-thread accounting
 * (/proc/PID/task/TID/schedstat, nanoseconds) summed over the live threads, plus what exited threads left in the
 * process's utime + stime (clock ticks, CLK_TCK = 100). Less sensitive than wall time to other work on a shared
 * machine, and close to wall time on a dedicated core. */
function cpuMs(child) {
  try {
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${child.pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${child.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return Math.round(ns / 1e4) / 100;
  } catch {
    return NaN;
  }
}

/** Peak resident set size so far (VmHWM), in MB. */
function peakRssMb(child) {
  try {
    const line = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 102.4) / 10;
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
  const rss = [];
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
      rss.push(peakRssMb(child));
      lastResponse = assertOk(outcome, `cold run ${run + 1}`);
      await stop(child);
    }
  } finally {
    await runtime.close();
  }
  return { mode: 'cold', runsMs: timings.map((t) => Math.round(t * 10) / 10), summaryMs: summarise(timings), cpuMs: summarise(cpu), peakRssMb: summarise(rss), lastStatus: lastResponse.statusCode };
}

/** A process under Kestrel, from spawn to the end of the first 200 for --url (polled every 2 ms). */
async function coldKestrel(options) {
  const runs = Number(options.runs ?? 20);
  const url = new URL(options.url);
  const timings = [];
  const cpu = [];
  const rss = [];
  for (let run = 0; run < runs; run++) {
    const startedAt = nowNs();
    const child = start(options.bootstrap, options.cwd ?? process.cwd(), {
      ...extraEnv(options),
      ASPNETCORE_URLS: url.origin,
      AWS_LAMBDA_RUNTIME_API: '',
    });
    const agent = new http.Agent({ keepAlive: false });
    for (;;) {
      if (child.exitCode !== null) throw new Error(`process exited early: ${JSON.stringify(await child.exited)}`);
      try {
        await request(agent, url, { expect: 200 });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 2));
      }
      if (ms(nowNs() - startedAt) > 30000) throw new Error('Kestrel did not answer within 30 s');
    }
    timings.push(ms(nowNs() - startedAt));
    cpu.push(cpuMs(child));
    rss.push(peakRssMb(child));
    await stop(child);
  }
  return { mode: 'cold-kestrel', runsMs: timings.map((t) => Math.round(t * 10) / 10), summaryMs: summarise(timings), cpuMs: summarise(cpu), peakRssMb: summarise(rss) };
}

/** One HTTP request; resolves with { status, body } or rejects when the status is not `expect`. */
function request(agent, url, { method = 'GET', headers = {}, body, expect }) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method, headers: body ? { ...headers, 'content-length': body.length } : headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const result = { status: res.statusCode, body: Buffer.concat(chunks) };
        if (expect !== undefined && res.statusCode !== expect) reject(new Error(`${method} ${url} answered ${res.statusCode}: ${result.body}`));
        else resolve(result);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForHttp(url) {
  const agent = new http.Agent({ keepAlive: false });
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      await request(agent, url, { expect: 200 });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`no answer from ${url}`);
}

/** An HTTP API 2.0 event as API Gateway sends it, with the JWT authorizer's claims for `user`. */
function httpApiEvent(req, user) {
  const [path, query = ''] = req.path.split('?');
  const text = req.body === undefined || /json/.test(req.contentType ?? '');
  return Buffer.from(JSON.stringify({
    version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: query,
    headers: {
      accept: req.accept ?? 'application/json', host: 'bench.execute-api.eu-west-1.amazonaws.com', 'x-forwarded-proto': 'https',
      ...(req.contentType ? { 'content-type': req.contentType } : {}),
    },
    requestContext: {
      accountId: '123456789012', apiId: 'bench', domainName: 'bench.execute-api.eu-west-1.amazonaws.com',
      http: { method: req.method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'lambda-bench' },
      requestId: 'bench', routeKey: '$default', stage: '$default', timeEpoch: 0,
      authorizer: { jwt: { claims: { sub: user, iss: 'https://issuer.example', token_use: 'access' }, scopes: null } },
    },
    ...(req.body === undefined ? {} : { body: text ? req.body.toString('utf8') : req.body.toString('base64') }),
    isBase64Encoded: !text,
  }));
}

/** The spec's request for one call: {id} from the spec's image, or popped from the pool the uploads filled. */
function materialise(group, state) {
  const id = group.idsFromUploads ? state.uploaded.pop() : state.imageId;
  if (id === undefined) throw new Error(`${group.name}: no uploaded image left to use`);
  return {
    method: group.method,
    path: group.path.replace('{id}', id),
    accept: group.accept,
    contentType: group.contentType,
    body: group.bodyFile ? state.files[group.bodyFile] : group.body === undefined ? undefined : Buffer.from(group.body),
  };
}

function remember(group, state, body) {
  if (group.name === 'upload') state.uploaded.push(JSON.parse(body.toString('utf8')).id);
}

/** One request of the group through Kestrel, timed at the client: request written -> response read. */
function kestrelHost(options, group, state, origin, agent) {
  return async () => {
    const req = materialise(group, state);
    const headers = { authorization: `Bearer ${options.token}`, accept: req.accept ?? 'application/json', ...(req.contentType ? { 'content-type': req.contentType } : {}) };
    const t0 = nowNs();
    const result = await request(agent, new URL(req.path, origin), { method: req.method, headers, body: req.body, expect: group.status });
    const elapsed = ms(nowNs() - t0);
    remember(group, state, result.body);
    return elapsed;
  };
}

/** The group's own Lambda process (_HANDLER=group) on a fresh Runtime API; one request = one invocation, timed from
 * the event handed out on /next to the response posted back (what Lambda bills as the invocation's duration). */
async function lambdaHost(options, group, state) {
  const runtime = new RuntimeApi();
  const port = await runtime.listen();
  const child = start(options.bootstrap, options.cwd ?? process.cwd(), {
    ...extraEnv(options),
    AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
    _HANDLER: group.name,
  });
  const run = async () => {
    const outcome = await runtime.invoke(httpApiEvent(materialise(group, state), options.user));
    if (outcome.kind !== 'response') throw new Error(`${group.name}: runtime posted ${outcome.kind}: ${outcome.body}`);
    const response = JSON.parse(outcome.body.toString('utf8'));
    if (response.statusCode !== group.status) throw new Error(`${group.name}: status ${response.statusCode}: ${response.body}`);
    remember(group, state, Buffer.from(response.body ?? '', response.isBase64Encoded ? 'base64' : 'utf8'));
    return ms(outcome.postedAt - outcome.handedOutAt);
  };
  const close = async () => {
    await stop(child);
    await runtime.close();
  };
  return { run, close };
}

/** Every group of the spec on both hosts. The two hosts take turns request by request (the first of each pair
 * alternates), so a pause of the machine or a slow stretch lands in both series alike instead of in whichever
 * host's block it happened to fall; each sample is kept in order with its neighbours. */
async function warmGroups(options) {
  const spec = JSON.parse(fs.readFileSync(options.spec, 'utf8'));
  const state = {
    imageId: spec.imageId,
    uploaded: [],
    files: Object.fromEntries((spec.files ?? []).map((f) => [f, fs.readFileSync(path.resolve(path.dirname(options.spec), f))])),
  };
  const origin = new URL(options.url).origin;
  const kestrel = start(options.bootstrap, options.cwd ?? process.cwd(), { ...extraEnv(options), ASPNETCORE_URLS: origin, AWS_LAMBDA_RUNTIME_API: '' });
  const results = [];
  const samples = {};
  try {
    await waitForHttp(`${origin}/health`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (const group of spec.groups) {
      const runKestrel = kestrelHost(options, group, state, origin, agent);
      const lambda = await lambdaHost(options, group, state);
      const k = [];
      const l = [];
      try {
        for (let i = 0; i < group.warmup + group.n; i++) {
          const pair = i % 2 === 0 ? [runKestrel, lambda.run] : [lambda.run, runKestrel];
          const first = await pair[0]();
          const second = await pair[1]();
          if (i < group.warmup) continue;
          k.push(i % 2 === 0 ? first : second);
          l.push(i % 2 === 0 ? second : first);
        }
      } finally {
        await lambda.close();
      }
      const ks = summarise(k);
      const ls = summarise(l);
      const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;
      results.push({ group: group.name, request: `${group.method} ${group.path}`, kestrelMs: ks, lambdaMs: ls, ratioP50: ratio(ls.p50, ks.p50), ratioP99: ratio(ls.p99, ks.p99) });
      samples[group.name] = { kestrelMs: k.map((v) => Math.round(v * 1000) / 1000), lambdaMs: l.map((v) => Math.round(v * 1000) / 1000) };
    }
    agent.destroy();
  } finally {
    await stop(kestrel);
  }
  if (options.samples) fs.writeFileSync(options.samples, JSON.stringify(samples));
  return { mode: 'warm-groups', groups: results, maxRatioP50: Math.max(...results.map((r) => r.ratioP50)) };
}

(async () => {
  const options = parseArgs(process.argv.slice(2));
  const modes = { cold, 'cold-kestrel': coldKestrel, 'warm-groups': warmGroups };
  if (!modes[options.mode]) throw new Error('usage: lambda-fake-runtime.js cold|cold-kestrel|warm-groups --bootstrap PATH [--event FILE] [--url URL] [--spec FILE] ...');
  const result = await modes[options.mode](options);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

// Measurement helpers: paired rounds (every contender of a case runs once per round, in turn, each in
// a process of its own), the median of the rounds, and ratios to the bare node:crypto floor —
// absolute times on a shared machine are noise, ratios measured side by side in one run are not.
import { spawnSync } from 'node:child_process'

export const QUICK = process.argv.includes('--quick')
export const ROUNDS = QUICK ? 3 : 7
const ROUND_MS = QUICK ? 60 : 200
// Untimed warm-up in each contender's fresh process, the same in quick runs: hookseal's JavaScript must
// be compiled by V8's optimising compiler before it is timed (the floor is mostly native code and fast
// at once), and that compiler runs on other threads whose CPU time (60-120 ms for hookseal's check)
// would otherwise land in the timed round. V8 optimises by call counts, so at least WARM_CALLS calls
// as well as WARM_MS: with a time-only warm-up, 1 MiB bodies (0.6 ms a call) read 0.94x and Ed25519
// (0.1 ms) 0.8x, against 1.00x and 0.95x once warm. With --trace-opt, the last of hookseal's functions
// (the check's final steps) and Node's own prepareSecretKey are compiled between the 5,000th and
// the 7,500th call; at 3,000 calls, 64 KiB bodies (about 60 µs a call, so the timed round is calls
// 3,000-6,000) read 0.93x for GitHub and 0.95x of the hand-written reference, and 0.98x and 0.99x once
// warm. WARM_MAX_MS bounds the slowest peers.
const WARM_MS = 150
const WARM_CALLS = 8000
const WARM_MAX_MS = 3000

async function warmUp(fn) {
  const start = cpuNanos()
  for (let n = 0; ; n += 16) {
    for (let i = 0; i < 16; i++) await fn()
    const ms = (cpuNanos() - start) / 1e6
    if ((ms >= WARM_MS && n >= WARM_CALLS) || ms >= WARM_MAX_MS) return
  }
}

// Time is this process's CPU time (user + system, every thread), not the wall clock: on a shared,
// loaded machine the wall clock also counts the time other processes held the CPU, which lands on
// whichever contender happened to run then. Both are the same on an idle machine.
const cpuNanos = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}

async function opsPerSecond(fn, ms) {
  // warm up, then count whole iterations until the time is spent
  for (let i = 0; i < 20; i++) await fn()
  let n = 0
  const start = cpuNanos()
  const budget = ms * 1_000_000
  let elapsed = 0
  while (elapsed < budget) {
    for (let i = 0; i < 16; i++) await fn()
    n += 16
    elapsed = cpuNanos() - start
  }
  return (n * 1e9) / elapsed
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * The child side of a case (bench/cases.mjs, bench/webcrypto.mjs): `<file> <case> --names` prints the
 * names of the case's contenders (the floor first), `<file> <case> <i>` the i-th contender's ops per
 * CPU-second, measured after an untimed warm-up. Each contender runs in a process of its own: in a
 * process shared with other contenders, Node's own JavaScript (createHmac, update, digest, Buffer)
 * collects type feedback from all of them, and the floor's speed then depended on who else ran
 * (one extra contender in the Standard Webhooks case moved hookseal's ratio from 0.85x to 1.24x).
 */
export async function serveContender(contenders, arg) {
  const names = Object.keys(contenders)
  if (arg === '--names') return JSON.stringify(names)
  const fn = contenders[names[Number(arg)]]
  if (fn === undefined) throw new Error(`no contender ${arg}; there are ${names.length}`)
  await warmUp(fn)
  return String(await opsPerSecond(fn, ROUND_MS))
}

/**
 * The parent side: `args` start a case's child (see serveContender). Each round runs the floor, then
 * every contender, each in a fresh process; a contender's ratio is taken within the round (its ops ÷
 * the floor's ops moments before) and the median over rounds is reported, so a slow stretch of a
 * shared machine lands on both sides of one round's ratio instead of on one contender's median.
 * `rounds` defaults to ROUNDS; the Web Crypto cases take more (see bench/run.mjs). Returns [{ name, ops, ratio }].
 */
export function compareInProcesses(args, rounds = ROUNDS) {
  const run = (arg) => {
    const child = spawnSync(process.execPath, [...args, arg, ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8' })
    if (child.status !== 0) throw new Error(`${args.join(' ')} ${arg}: ${child.stderr}`)
    return child.stdout.trim()
  }
  const names = JSON.parse(run('--names'))
  const samples = names.map(() => [])
  for (let r = 0; r < rounds; r++) names.forEach((_, i) => samples[i].push(Number(run(String(i)))))
  const floor = samples[0]
  return names.map((name, i) => ({ name, ops: median(samples[i]), ratio: median(samples[i].map((ops, r) => ops / floor[r])) }))
}

export const fmt = (x) => `${x.toFixed(2)}x`

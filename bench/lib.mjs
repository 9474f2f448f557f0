// Measurement helpers: paired rounds (every contender of a case runs once per round, in turn), the
// median of the rounds, and ratios to the bare node:crypto floor — absolute times on a shared machine
// are noise, ratios measured side by side in one run are not.
export const QUICK = process.argv.includes('--quick')
export const ROUNDS = QUICK ? 3 : 7
const ROUND_MS = QUICK ? 60 : 200

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

/** contenders: { name: fn } with the floor first. Returns [{ name, ops, ratio }]: ratio = median over rounds of ops ÷ the floor's ops in that round. */
export async function compare(contenders, { ms = ROUND_MS } = {}) {
  const names = Object.keys(contenders)
  const samples = Object.fromEntries(names.map((n) => [n, []]))
  // One short untimed round first: each case runs in a fresh process (bench/run.mjs), where the
  // first timed round would otherwise run the floor while the code it shares with the contenders
  // (node:crypto's JavaScript side, Buffer) is still cold, and the contenders once it is warm.
  for (const name of names) await opsPerSecond(contenders[name], ms / 4)
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of names) samples[name].push(await opsPerSecond(contenders[name], ms))
  }
  // The ratio is taken within each round (contender ÷ the floor measured moments before) and then the
  // median over rounds: a slow stretch of a shared machine lands on both sides of the same round's
  // ratio instead of on one contender's median.
  const floor = samples[names[0]]
  return names.map((name) => ({ name, ops: median(samples[name]), ratio: median(samples[name].map((ops, r) => ops / floor[r])) }))
}

export const fmt = (x) => `${x.toFixed(2)}x`

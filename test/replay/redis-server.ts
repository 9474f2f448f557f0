// Starts a throwaway redis-server on 127.0.0.1 at a free port for one test file, with no
// persistence; `available` is false (and the suites skip, saying why) when the binary is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer, connect } from 'node:net'

export const MISSING =
  'redis-server is not installed: the Redis replay tests are skipped (Debian: apt-get install -y redis-server)'

export const available = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('error', () => resolve(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
  })
}

export interface RedisServer {
  port: number
  url: string
  stop(): Promise<void>
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (let i = 0; i < 200; i++) {
    if (await answersPing(port)) {
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          child.kill('SIGTERM')
          await exited
        },
      }
    }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 25))
  }
  child.kill('SIGKILL')
  throw new Error(`redis-server did not start on 127.0.0.1:${port}`)
}

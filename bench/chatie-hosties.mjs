// The open-source registry for bench/registry-vs-chatie.sh: @chatie/io's IoServer on a plain
// http server, with GET /v0/hosties/:token answered the way Chatie/server's src/express.ts does
// (ask IoServer's ioManager.discoverHostie, 404 when the address or port is missing, JSON body).
// Written for the benchmark, not copied. Usage: node chatie-hosties.mjs PORT (0: any free port).
import http from 'node:http'
import express from 'express'
import chatieIo from '@chatie/io' // CommonJS package: its exports arrive as the default import

const { IoServer, log } = chatieIo

// At brolog's default level IoManager logs every registering token whole; Chatie/server reads the
// level from WECHATY_LOG, and nothing in the lookup path logs above verbose.
log.level(process.env.WECHATY_LOG || 'warn')

const httpServer = http.createServer()
const ioServer = new IoServer({ httpServer })
const app = express()

app.get('/v0/hosties/:token', async (req, res) => {
  const found = await ioServer.ioManager.discoverHostie(req.params.token)
  // @chatie/io 0.9+ hands back host, ip and port and Chatie/server 0.11+ tests host;
  // 0.8 hands back ip and port only and Chatie/server 0.7 (which depends on it) tests ip.
  const withHost = 'host' in found
  if (!(withHost ? found.host : found.ip) || !found.port) {
    res.status(404)
  }
  res.json(withHost ? { host: found.host, ip: found.ip, port: found.port } : { ip: found.ip, port: found.port })
})

httpServer.on('request', app)
await ioServer.start()
// Chatie/server listens on 0.0.0.0; the benchmark stays on loopback.
httpServer.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`listening ${httpServer.address().port}`)
})

/** Raw-socket requests (node:net) and the malformed requests every listener must survive. */
import { connect } from "node:net"

export interface Raw {
  readonly status: number
  readonly head: string
  readonly body: string
}

/** Sends bytes on a fresh connection and reads until the server closes it (or 5 s pass: a hang). */
export const rawRequest = (port: number, bytes: string | Buffer, ms = 5000): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes))
    const chunks: Array<Buffer> = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within ${ms} ms to ${JSON.stringify(String(bytes).slice(0, 80))}`))
    }, ms)
    socket.on("data", (c: Buffer) => chunks.push(c))
    const done = () => {
      clearTimeout(timer)
      const text = Buffer.concat(chunks).toString("utf8")
      const split = text.indexOf("\r\n\r\n")
      const head = split < 0 ? text : text.slice(0, split)
      let body = split < 0 ? "" : text.slice(split + 4)
      if (/\r\ntransfer-encoding: chunked/i.test(head)) {
        // de-chunk
        let out = ""
        let rest = body
        for (;;) {
          const nl = rest.indexOf("\r\n")
          const size = Number.parseInt(rest.slice(0, nl), 16)
          if (!(size > 0)) break
          out += rest.slice(nl + 2, nl + 2 + size)
          rest = rest.slice(nl + 2 + size + 2)
        }
        body = out
      }
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body })
    }
    socket.on("end", done)
    socket.on("close", done)
    socket.on("error", () => done())
  })

export const get = (path: string, headers: Record<string, string> = {}) =>
  `GET ${path} HTTP/1.1\r\nHost: cityhall.test\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}Connection: close\r\n\r\n`

/** The malformed requests every listener must answer with a 4xx (the server stays up). */
export const MALFORMED: ReadonlyArray<string> = [
  "GET //a:99999 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET http://evil:99999/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET ?x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GARBAGE\r\n\r\n",
  "GET /health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET /health\r\n\r\n",
  "GET /he\u0000alth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: x:99999\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: user@host\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: x\r\nX: \u0001\r\nConnection: close\r\n\r\n",
  `GET /health HTTP/1.1\r\nHost: x\r\nX: ${"a".repeat(20_000)}\r\nConnection: close\r\n\r\n`,
  "PROPFIND /appeals HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "FOO /appeals HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "TRACE /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "TRACK /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "OPTIONS /appeals HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "DELETE /appeals/A-1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "PUT /appeals HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
  "CONNECT x:1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET /health HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
  "POST /appeals HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}",
  "POST /appeals HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}",
  "POST /appeals HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\nConnection: close\r\n\r\n0\r\n\r\n",
  "POST /appeals HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
  "GET /%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET /appeals/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET /appeals?limit=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET /report/%ZZ.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  "GET //report/2020.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
]

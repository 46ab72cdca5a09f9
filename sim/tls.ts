import { execFile } from "node:child_process";
import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Makes sure `<dir>/cert.pem` and `<dir>/key.pem` exist: a self-signed certificate for localhost and
 * 127.0.0.1, made once with the openssl CLI and reused afterwards.
 *
 * Clients trust it through NODE_EXTRA_CA_CERTS, which Node reads only at process start — so launchers
 * call this BEFORE spawning the processes that talk to the simulator. The vendor SDKs then run their
 * production HTTPS pipelines unchanged (the Azure bearer-token policy refuses plain http).
 */
export async function ensureSimCertificate(dir: string): Promise<{ certPath: string; keyPath: string }> {
  const certPath = join(dir, "cert.pem");
  const keyPath = join(dir, "key.pem");
  if ((await exists(certPath)) && (await exists(keyPath))) return { certPath, keyPath };
  await mkdir(dir, { recursive: true });
  // 825 days: the longest validity macOS/Chrome accept for a TLS server certificate.
  await run("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes",
    "-keyout", keyPath, "-out", certPath, "-days", "825",
    "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ]);
  return { certPath, keyPath };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

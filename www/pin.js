// Parent PIN: stored only as a salted PBKDF2-SHA-256 hash (WebCrypto) in localStorage.

const KEY = "veil.demo.pin";
export const ITERATIONS = 210000; // OWASP 2023 guidance for PBKDF2-HMAC-SHA256

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(pin, salt, iterations) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export function validPin(pin) {
  return /^[0-9]{4,12}$/.test(pin);
}

export function hasPin() {
  try {
    const rec = JSON.parse(localStorage.getItem(KEY) || "null");
    return Boolean(rec && rec.hash && rec.salt);
  } catch {
    return false;
  }
}

export async function setPin(pin) {
  if (!validPin(pin)) throw new Error("invalid PIN");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, ITERATIONS);
  localStorage.setItem(KEY, JSON.stringify({ v: 1, alg: "PBKDF2-SHA-256", iterations: ITERATIONS, salt: b64(salt), hash: b64(hash) }));
}

export function clearPin() {
  localStorage.removeItem(KEY);
}

// Wrong tries are throttled: after 5 in a row, wait 30 s.
let failures = 0;
let blockedUntil = 0;

export function waitSeconds() {
  return Math.max(0, Math.ceil((blockedUntil - Date.now()) / 1000));
}

export async function verifyPin(pin) {
  if (waitSeconds() > 0) return false;
  let rec;
  try {
    rec = JSON.parse(localStorage.getItem(KEY) || "null");
  } catch {
    rec = null;
  }
  if (!rec) return true;
  const got = await derive(String(pin), unb64(rec.salt), rec.iterations || ITERATIONS);
  const want = unb64(rec.hash);
  let diff = got.length ^ want.length;
  for (let i = 0; i < Math.min(got.length, want.length); i++) diff |= got[i] ^ want[i];
  if (diff === 0) {
    failures = 0;
    return true;
  }
  failures += 1;
  if (failures >= 5) {
    failures = 0;
    blockedUntil = Date.now() + 30000;
  }
  return false;
}

// A stand-in for the Django backend, for running the browser tests when no backend is at hand:
// serves dist/ with a history fallback and fakes the /api/v1/auth/ contract in memory.
// It is not the product; the real run is `BASE_URL=<django> npm run e2e`.
//
//   npm run build && node e2e/stub-backend.mjs 8766 & BASE_URL=http://127.0.0.1:8766 npm run e2e
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const PORT = Number(process.argv[2] ?? 8766);
const DIST = new URL('../dist/', import.meta.url).pathname;
const PASSWORD = 'procura-demo-2026';
const ROLES = {
  admin: ['admin'],
  buyer: ['procurement'],
  manager: ['approver'],
  requester: ['requester'],
  finance: ['finance'],
  warehouse: ['warehouse'],
  sales: ['sales'],
  auditor: ['auditor'],
  customer: ['customer'],
};
const users = Object.entries(ROLES).map(([name, roles], index) => ({
  id: index + 1,
  email: `${name}@procura.example`,
  full_name: `${name[0].toUpperCase()}${name.slice(1)} Demo`,
  phone: '',
  department: null,
  manager: null,
  spending_limit: '1000.00',
  roles,
  is_active: true,
}));
const sessions = new Map(); // token -> user id
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

function cookies(req) {
  return Object.fromEntries(
    (req.headers.cookie ?? '').split(';').filter(Boolean).map((c) => c.trim().split('=').map(decodeURIComponent)),
  );
}

function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body);
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(json);
}

function problem(res, status, detail, extra = {}, headers = {}) {
  send(res, status, { type: 'about:blank', title: detail, status, detail, ...extra }, headers);
}

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  try {
    return JSON.parse(raw || '{}');
  } catch {
    return {};
  }
}

async function api(req, res, path) {
  const jar = cookies(req);
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  if (unsafe && (!jar.csrftoken || req.headers['x-csrftoken'] !== jar.csrftoken)) {
    return problem(res, 403, 'CSRF Failed: CSRF token missing or incorrect.', { code: 'csrf_failed' });
  }
  const user = users.find((u) => u.id === sessions.get(jar.access));
  const route = `${req.method} ${path}`;
  if (route === 'GET /api/v1/auth/csrf/') {
    const token = jar.csrftoken ?? randomBytes(16).toString('hex');
    return send(res, 200, { csrf_token: token }, { 'Set-Cookie': `csrftoken=${token}; Path=/; SameSite=Lax` });
  }
  if (route === 'POST /api/v1/auth/login/') {
    const { email, password } = await readJson(req);
    const errors = {};
    if (!email) errors.email = ['This field is required.'];
    if (!password) errors.password = ['This field is required.'];
    if (Object.keys(errors).length) return problem(res, 400, 'Invalid input.', { code: 'invalid', errors });
    const match = users.find((u) => u.email === String(email).toLowerCase());
    if (!match || password !== PASSWORD) {
      return problem(res, 401, 'The email or password is not correct.', { code: 'authentication_failed' });
    }
    const token = randomBytes(16).toString('hex');
    sessions.set(token, match.id);
    return send(res, 200, { user: match }, { 'Set-Cookie': `access=${token}; Path=/; HttpOnly; SameSite=Lax` });
  }
  if (route === 'POST /api/v1/auth/refresh/') {
    if (!user) return problem(res, 401, 'Refresh token is missing or expired.', { code: 'not_authenticated' });
    return send(res, 200, { detail: 'ok' });
  }
  if (route === 'POST /api/v1/auth/logout/') {
    sessions.delete(jar.access);
    res.writeHead(204, { 'Set-Cookie': 'access=; Path=/; Max-Age=0' });
    return res.end();
  }
  if (route === 'GET /api/v1/auth/me/') {
    if (!user) return problem(res, 401, 'Authentication credentials were not provided.', { code: 'not_authenticated' });
    return send(res, 200, user);
  }
  return problem(res, 404, 'Not found.', { code: 'not_found' });
}

createServer((req, res) => {
  const path = new URL(req.url, 'http://stub').pathname;
  if (path.startsWith('/api/')) {
    api(req, res, path).catch((error) => problem(res, 500, String(error)));
    return;
  }
  const file = normalize(join(DIST, path));
  const target = file.startsWith(DIST) && existsSync(file) && extname(file) ? file : join(DIST, 'index.html');
  res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
  res.end(readFileSync(target));
}).listen(PORT, '127.0.0.1', () => console.log(`stub backend on http://127.0.0.1:${PORT}`));

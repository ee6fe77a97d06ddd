/** SCRAM-SHA-256 server side against RFC 7677's worked example, and SASLprep. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveCredential, ScramConversation, ScramError } from '../../../engine/wire/scram';
import { saslprep } from '../../../engine/wire/saslprep';

// RFC 7677 §3: user "user", password "pencil".
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const CLIENT_FIRST = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const SERVER_FIRST = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
const CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const SERVER_FINAL = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

function conversation(password: string): ScramConversation {
  const cred = deriveCredential('user', password, SALT, 4096);
  return new ScramConversation((u) => (u === 'user' ? cred : undefined), Buffer.alloc(32, 7), () => SERVER_NONCE);
}

test('scram: the RFC 7677 example gives its server-first and server-final messages', () => {
  const c = conversation('pencil');
  const first = c.step(Buffer.from(CLIENT_FIRST));
  assert.equal(first.payload.toString(), SERVER_FIRST);
  assert.equal(first.done, false);
  const final = c.step(Buffer.from(CLIENT_FINAL));
  assert.equal(final.payload.toString(), SERVER_FINAL);
  assert.deepEqual(final.done && final.user, 'user');
});

test('scram: a proof made with another password is refused', () => {
  const c = conversation('not pencil');
  c.step(Buffer.from(CLIENT_FIRST));
  assert.throws(() => c.step(Buffer.from(CLIENT_FINAL)), (e: unknown) => e instanceof ScramError && e.message === 'Authentication failed.');
});

test('scram: an unknown user gets a salt and nonce like a known one, then the same failure', () => {
  const cred = deriveCredential('user', 'pencil', SALT, 4096);
  const c = new ScramConversation((u) => (u === 'user' ? cred : undefined), Buffer.alloc(32, 7), () => SERVER_NONCE);
  const first = c.step(Buffer.from('n,,n=someone,r=abc')).payload.toString();
  assert.match(first, /^r=abc%hvY.*,s=[A-Za-z0-9+/=]{38,},i=15000$/);
  assert.throws(() => c.step(Buffer.from(`c=biws,r=abc${SERVER_NONCE},p=${Buffer.alloc(32).toString('base64')}`)), /Authentication failed\./);
});

test('scram: malformed or replayed messages fail with a reason and never succeed', () => {
  const bad = ['', 'x', 'p=tls-unique,,n=user,r=a', 'n,a=admin,n=user,r=a', 'n,,n=us=er,r=a', 'n,,n=user'];
  for (const m of bad) assert.throws(() => conversation('pencil').step(Buffer.from(m)), ScramError, m);
  const c = conversation('pencil');
  c.step(Buffer.from(CLIENT_FIRST));
  assert.throws(() => c.step(Buffer.from(CLIENT_FINAL.replace('c=biws', 'c=eSws'))), /channel-binding/);
  assert.throws(() => c.step(Buffer.from(CLIENT_FINAL)), /already complete/);
  const n = conversation('pencil');
  n.step(Buffer.from(CLIENT_FIRST));
  assert.throws(() => n.step(Buffer.from(CLIENT_FINAL.replace('rOprNG', 'xOprNG'))), /nonce/);
});

test('saslprep: maps spaces and soft hyphens, normalises NFKC, refuses controls', () => {
  assert.equal(saslprep('I\u00ADX'), 'IX');
  assert.equal(saslprep('a\u00A0b'), 'a b');
  assert.equal(saslprep('\u2168'), 'IX');
  assert.equal(saslprep('pencil'), 'pencil');
  assert.throws(() => saslprep('a\u0007b'), /prohibits/);
});

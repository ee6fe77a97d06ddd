/** The status bar look of a target's environment, and the daemon flags of the wire setting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetLook, wireLaunch } from '../../client/targetLaunch';

test('a production target stands out; staging warns; local and development look normal', () => {
  assert.equal(targetLook('production').background, 'statusBarItem.errorBackground');
  assert.equal(targetLook('staging').background, 'statusBarItem.warningBackground');
  assert.equal(targetLook('local').background, undefined);
  assert.equal(targetLook('development').background, undefined);
});

test('asp.wire.listen: off when empty; the password travels as an ${env:...} reference, never as an argument', () => {
  assert.deepEqual(wireLaunch({ listen: '  ', user: 'u', password: 'p' }), { args: [], env: {} });
  assert.deepEqual(wireLaunch({ listen: '27017', user: '', password: undefined }), { args: ['--wire', '27017'], env: {} });
  const w = wireLaunch({ listen: '0.0.0.0:27017', user: 'svc', password: 's3cret' });
  assert.deepEqual(w.args, ['--wire', '0.0.0.0:27017', '--wire-user', 'svc', '--wire-password', '${env:ASP_WIRE_PASSWORD}']);
  assert.deepEqual(w.env, { ASP_WIRE_PASSWORD: 's3cret' });
  assert.ok(!w.args.includes('s3cret'));
});

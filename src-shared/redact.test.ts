import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from './redact.ts';

test('redacts given secrets, SAS signatures, AccountKey= values and recovery passwords', () => {
  const key = 'VkGbrUqBWLYJ6zg1m29VOTrxpBgdNOlp+kp0C9MEdx3GELxmBw4hK94f7KysbbeKLDksg7VoN1W/a5UuM2zNgQ==';
  const text = `key ${key} enc ${encodeURIComponent(key)} url https://a.blob.core.windows.net/c/b?sv=1&sig=abc%2Fdef&se=2 conn AccountKey=zzz;x=1 bk 238810-662376-448998-450120-652806-203390-606320-483076`;
  const out = redact(text, [key]);
  assert.ok(!out.includes(key));
  assert.ok(!out.includes(encodeURIComponent(key)));
  assert.ok(!out.includes('abc%2Fdef'));
  assert.ok(!out.includes('zzz'));
  assert.ok(!out.includes('238810-662376'));
  assert.match(out, /sig=\*\*\*&se=2/);
});

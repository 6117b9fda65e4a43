import { describe, expect, it } from 'vitest';
import type { KnativeService } from './knative-types.ts';
import {
  ANNOTATIONS,
  annotate,
  failedRevision,
  leaseHeld,
  readControl,
  readLease,
  readRelease,
  readSchemaHeads,
  withSchemaHead,
} from './rollout-state.ts';

const service = (annotations: Record<string, string> = {}): KnativeService => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Service',
  metadata: { name: 'chatbot-service', annotations },
  spec: { template: { spec: { containers: [] } } },
});

describe('rollout state on the Service', () => {
  it('holds a lease until its holder has not renewed it for leaseSeconds', () => {
    const lease = { holder: 'ci-1', renewTime: 1_000_000, leaseSeconds: 300, action: 'canary' };
    const s = service({ [ANNOTATIONS.lease]: JSON.stringify(lease) });
    expect(readLease(s)).toEqual(lease);
    expect(leaseHeld(readLease(s), 1_000_000 + 299_999)).toBe(true);
    expect(leaseHeld(readLease(s), 1_000_000 + 300_000)).toBe(false);
    expect(leaseHeld(undefined, 0)).toBe(false);
  });

  it('reads nothing from malformed annotations instead of failing the rollout', () => {
    const s = service({
      [ANNOTATIONS.lease]: '{not json',
      [ANNOTATIONS.release]: JSON.stringify({ candidate: 'x' }),
      [ANNOTATIONS.control]: 'reboot',
      [ANNOTATIONS.schemaHeads]: '[1,2]',
    });
    expect(readLease(s)).toBeUndefined();
    expect(readRelease(s)).toBeUndefined();
    expect(readControl(s)).toBeUndefined();
    expect(readSchemaHeads(s)).toEqual({});
  });

  it('sets and removes annotations, keeping the others', () => {
    const s = service({ other: 'kept', [ANNOTATIONS.control]: 'pause' });
    annotate(s, { [ANNOTATIONS.control]: null, [ANNOTATIONS.failedRevision]: 'chatbot-service-1-1-0' });
    expect(s.metadata.annotations).toEqual({
      other: 'kept',
      [ANNOTATIONS.failedRevision]: 'chatbot-service-1-1-0',
    });
    expect(failedRevision(s)).toEqual({ revision: 'chatbot-service-1-1-0', reason: '' });
  });

  it('keeps the schema heads of the ten most recent revisions, the newest last', () => {
    let s = service();
    for (let i = 1; i <= 12; i++) {
      s = service({ [ANNOTATIONS.schemaHeads]: withSchemaHead(s, `rev-${i}`, `000${i % 3}`) });
    }
    const heads = readSchemaHeads(s);
    expect(Object.keys(heads)).toEqual([
      'rev-3',
      'rev-4',
      'rev-5',
      'rev-6',
      'rev-7',
      'rev-8',
      'rev-9',
      'rev-10',
      'rev-11',
      'rev-12',
    ]);
    // Re-recording a revision moves it to the end rather than duplicating it.
    const again = readSchemaHeads(service({ [ANNOTATIONS.schemaHeads]: withSchemaHead(s, 'rev-5', 'x') }));
    expect(Object.keys(again).at(-1)).toBe('rev-5');
    expect(Object.keys(again)).toHaveLength(10);
  });
});

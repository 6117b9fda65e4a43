import { describe, expect, it } from 'vitest';
import { defaultTemplate, defaultTraffic, sameTemplate } from './defaults.ts';
import { ENVIRONMENT_SPECS } from './environments.ts';
import { revisionTemplate } from './manifests.ts';

const rendered = () =>
  revisionTemplate(ENVIRONMENT_SPECS.staging, {
    image: 'ghcr.io/shopyverse/chatbot:1.2.0',
    version: '1.2.0',
  });

describe("Knative's webhook defaults", () => {
  it('fills the fields Knative defaults in our template, and enableServiceLinks only on create', () => {
    const created = defaultTemplate(rendered(), { inCreate: true });
    const probe = created.spec.containers[0]?.readinessProbe;
    expect(probe).toMatchObject({ successThreshold: 1, timeoutSeconds: 1, failureThreshold: 3 });
    expect(created.spec.enableServiceLinks).toBe(false);
    expect(defaultTemplate(rendered(), { inCreate: false }).spec.enableServiceLinks).toBeUndefined();
    // What we set ourselves stays as set.
    expect(created.spec.timeoutSeconds).toBe(60);
    expect(created.spec.containerConcurrency).toBe(50);
  });

  it('defaults an empty timeout to 300 s, a nameless single container to user-container, a TCP probe', () => {
    const bare = defaultTemplate({ spec: { containers: [{ image: 'x' }] } }, { inCreate: false });
    expect(bare.spec.timeoutSeconds).toBe(300);
    expect(bare.spec.containerConcurrency).toBe(0);
    expect(bare.spec.containers[0]?.name).toBe('user-container');
    expect(bare.spec.containers[0]?.readinessProbe).toEqual({ tcpSocket: {}, successThreshold: 1 });
  });

  it('marks mounts of non-writable volumes read-only, and leaves an emptyDir writable', () => {
    const template = rendered();
    template.spec.volumes = [
      { name: 'scratch', emptyDir: {} },
      { name: 'certs', secret: { secretName: 'c' } },
    ];
    const container = template.spec.containers[0];
    if (!container) throw new Error('no container');
    container.volumeMounts = [
      { name: 'scratch', mountPath: '/tmp' },
      { name: 'certs', mountPath: '/certs' },
    ];
    const mounts = defaultTemplate(template, { inCreate: false }).spec.containers[0]?.volumeMounts;
    expect(mounts?.map((m) => m.readOnly)).toEqual([undefined, true]);
  });

  it('recognises a stored, defaulted template as the rendering it came from, and nothing else', () => {
    const stored = defaultTemplate(rendered(), { inCreate: true });
    expect(sameTemplate(stored, rendered())).toBe(true);
    const other = rendered();
    const container = other.spec.containers[0];
    if (container) container.image = 'ghcr.io/shopyverse/chatbot:1.2.1';
    expect(sameTemplate(stored, other)).toBe(false);
  });

  it('defaults traffic targets: latestRevision from revisionName, percent 0', () => {
    expect(defaultTraffic([{ revisionName: 'a', tag: 't' }, { percent: 100 }])).toEqual([
      { revisionName: 'a', tag: 't', latestRevision: false, percent: 0 },
      { percent: 100, latestRevision: true },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type FieldError, validateService, validateUpdate } from './admission.ts';
import { ENVIRONMENT_SPECS, type EnvironmentName } from './environments.ts';
import type { KnativeService } from './knative-types.ts';
import { knativeService, revisionTemplate } from './manifests.ts';
import { KNATIVE_DIR, renderAllEnvironments } from './render.ts';

const staging = ENVIRONMENT_SPECS.staging;
const release = { image: 'ghcr.io/shopyverse/chatbot:1.2.0', version: '1.2.0' };
const base = () => knativeService(staging, release);
const paths = (errors: FieldError[]) => errors.map((e) => e.path);

const first = (s: KnativeService) => {
  const container = s.spec.template.spec.containers[0];
  if (!container) throw new Error('the template has no container');
  return container;
};
const meta = (s: KnativeService) => {
  s.spec.template.metadata ??= {};
  return s.spec.template.metadata;
};
const notes = (s: KnativeService) => {
  meta(s).annotations ??= {};
  return meta(s).annotations as Record<string, string>;
};

/** A copy of the staging Service changed by `edit`. */
function edited(edit: (s: KnativeService) => void): KnativeService {
  const service = structuredClone(base());
  edit(service);
  return service;
}

describe('Knative admission rules', () => {
  it('accepts an emptyDir at /tmp and /var beside a read-only root (Knative reserves only /, /dev, /dev/log)', () => {
    const service = edited((s) => {
      s.spec.template.spec.volumes = [{ name: 'scratch', emptyDir: {} }];
      first(s).volumeMounts = [
        { name: 'scratch', mountPath: '/tmp' },
        { name: 'scratch', mountPath: '/var/log', subPath: 'log' },
      ];
    });
    expect(validateService(service)).toEqual([]);
  });

  it('renders imagePullSecrets when the environment names them', () => {
    const prod = knativeService(ENVIRONMENT_SPECS.prod, release);
    expect(prod.spec.template.spec.imagePullSecrets).toEqual([{ name: 'ghcr-pull' }]);
    expect(base().spec.template.spec.imagePullSecrets).toBeUndefined();
  });

  it('accepts the rendered Service of every environment', () => {
    for (const name of Object.keys(ENVIRONMENT_SPECS) as EnvironmentName[]) {
      expect(validateService(knativeService(ENVIRONMENT_SPECS[name], release)), name).toEqual([]);
    }
  });

  it.each<[string, (s: KnativeService) => void, string, RegExp]>([
    [
      'two ports',
      (s) => {
        first(s).ports?.push({ containerPort: 9000 });
      },
      'spec.template.spec.containers[0].ports',
      /more than one/,
    ],
    [
      'a reserved port',
      (s) => {
        first(s).ports = [{ name: 'http1', containerPort: 8012 }];
      },
      'spec.template.spec.containers[0].ports[0].containerPort',
      /reserved/,
    ],
    [
      'a port name other than http1/h2c',
      (s) => {
        first(s).ports = [{ name: 'http', containerPort: 8080 }];
      },
      'spec.template.spec.containers[0].ports[0].name',
      /http1/,
    ],
    [
      'PORT set by hand',
      (s) => {
        first(s).env?.push({ name: 'PORT', value: '3000' });
      },
      'spec.template.spec.containers[0].env[3].name',
      /reserved/,
    ],
    [
      'K_REVISION set by hand',
      (s) => {
        first(s).env?.push({ name: 'K_REVISION', value: 'x' });
      },
      'spec.template.spec.containers[0].env[3].name',
      /reserved/,
    ],
    [
      'a fieldRef without the feature flag',
      (s) => {
        first(s).env?.push({
          name: 'POD_NAME',
          valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
        });
      },
      'spec.template.spec.containers[0].env[3].valueFrom.fieldRef',
      /feature flag/,
    ],
    [
      'a progress deadline below second precision',
      (s) => {
        notes(s)['serving.knative.dev/progress-deadline'] = '1.5s';
      },
      'spec.template.metadata.annotations[serving.knative.dev/progress-deadline]',
      /not a duration at second precision/,
    ],
    [
      'the profiling port 8008',
      (s) => {
        first(s).ports = [{ name: 'http1', containerPort: 8008 }];
      },
      'spec.template.spec.containers[0].ports[0].containerPort',
      /port 8008 is reserved/,
    ],
    [
      'a mount on /dev/log (cleaned as path.Clean does)',
      (s) => {
        first(s).volumeMounts = [{ name: 'log', mountPath: '/dev//log/' }];
      },
      'spec.template.spec.containers[0].volumeMounts[0].mountPath',
      /reserved/,
    ],
    [
      'a revision name that is a DNS-1123 subdomain but not a DNS-1035 label',
      (s) => {
        meta(s).name = 'chatbot-service-1.2.0';
      },
      'spec.template.metadata.name',
      /not a DNS-1035 label/,
    ],
    [
      'a probe on another port',
      (s) => {
        first(s).readinessProbe = { httpGet: { path: '/readyz', port: 9000 } };
      },
      'spec.template.spec.containers[0].readinessProbe.httpGet.port',
      /container port 8080/,
    ],
    [
      'a revision name without the service prefix',
      (s) => {
        meta(s).name = 'chatbot-1-2-0';
      },
      'spec.template.metadata.name',
      /prefix "chatbot-service-"/,
    ],
    [
      'min-scale above max-scale',
      (s) => {
        notes(s)['autoscaling.knative.dev/min-scale'] = '9';
      },
      'spec.template.metadata.annotations[autoscaling.knative.dev/min-scale]',
      /min-scale 9 > max-scale 4/,
    ],
    [
      'a cpu metric on the KPA',
      (s) => {
        notes(s)['autoscaling.knative.dev/metric'] = 'cpu';
      },
      'spec.template.metadata.annotations[autoscaling.knative.dev/metric]',
      /not a kpa/,
    ],
    [
      'a timeout above the cluster maximum',
      (s) => {
        s.spec.template.spec.timeoutSeconds = 3600;
      },
      'spec.template.spec.timeoutSeconds',
      /1\.\.600/,
    ],
    [
      'traffic summing to 90',
      (s) => {
        s.spec.traffic = [{ revisionName: 'chatbot-service-1-2-0', percent: 90 }];
      },
      'spec.traffic',
      /sum to 90/,
    ],
    [
      'a duplicate tag',
      (s) => {
        s.spec.traffic = [
          { revisionName: 'chatbot-service-1-2-0', percent: 50, tag: 'blue' },
          { revisionName: 'chatbot-service-1-1-0', percent: 50, tag: 'blue' },
        ];
      },
      'spec.traffic[1].tag',
      /duplicate/,
    ],
    [
      'a tag that is not a DNS label',
      (s) => {
        s.spec.traffic = [{ revisionName: 'chatbot-service-1-2-0', percent: 100, tag: 'Green_1' }];
      },
      'spec.traffic[0].tag',
      /DNS-1035/,
    ],
    [
      'latestRevision together with revisionName',
      (s) => {
        s.spec.traffic = [{ revisionName: 'chatbot-service-1-2-0', latestRevision: true, percent: 100 }];
      },
      'spec.traffic[0].revisionName',
      /latestRevision is true/,
    ],
    [
      'latestRevision false without a revision',
      (s) => {
        s.spec.traffic = [{ latestRevision: false, percent: 100 }];
      },
      'spec.traffic[0]',
      /got neither/,
    ],
  ])('refuses %s', (_name, edit, path, message) => {
    const errors = validateService(edited(edit));
    const error = errors.find((e) => e.path === path);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error?.message).toMatch(message);
  });

  it('refuses a changed template that keeps its revision name, and accepts a renamed one', () => {
    const previous = base();
    const sameName = edited((s) => {
      first(s).image = 'ghcr.io/shopyverse/chatbot:1.3.0';
    });
    expect(paths(validateUpdate(previous, sameName))).toEqual(['spec.template.metadata.name']);
    const renamed = edited((s) => {
      s.spec.template = revisionTemplate(staging, {
        image: 'ghcr.io/shopyverse/chatbot:1.3.0',
        version: '1.3.0',
      });
    });
    expect(validateUpdate(previous, renamed)).toEqual([]);
    // Traffic alone may change under the same template name.
    const moved = edited((s) => {
      s.spec.traffic = [{ revisionName: 'chatbot-service-1-2-0', percent: 100, tag: 'blue' }];
    });
    expect(validateUpdate(previous, moved)).toEqual([]);
  });
});

describe('committed manifests', () => {
  it('match their source (run `npm run knative:render` after changing src/delivery)', () => {
    for (const [file, text] of Object.entries(renderAllEnvironments())) {
      expect(readFileSync(resolve(KNATIVE_DIR, file), 'utf8'), `knative/${file}`).toBe(text);
    }
  });

  it('pass admission and give dev 1..1, staging at least 2 and prod at least 3 pods with a maximum', () => {
    const scale: Record<string, [string, string]> = {};
    for (const env of ['dev', 'staging', 'prod']) {
      const [doc] = parseAllDocuments(readFileSync(resolve(KNATIVE_DIR, env, '30-service.yaml'), 'utf8'));
      const service = doc?.toJS() as KnativeService;
      expect(validateService(service), env).toEqual([]);
      expect(service.metadata.namespace).toBe(`chatbot-${env}`);
      const a = service.spec.template.metadata?.annotations ?? {};
      scale[env] = [
        a['autoscaling.knative.dev/min-scale'] ?? '',
        a['autoscaling.knative.dev/max-scale'] ?? '',
      ];
    }
    expect(scale.dev).toEqual(['1', '1']);
    expect(Number(scale.staging?.[0])).toBeGreaterThanOrEqual(2);
    expect(Number(scale.prod?.[0])).toBeGreaterThanOrEqual(3);
    expect(Number(scale.prod?.[1])).toBeGreaterThan(Number(scale.prod?.[0]));
  });

  it('are selected by the PodMonitor: its namespaces and service label match the Services', () => {
    const [doc] = parseAllDocuments(readFileSync(resolve(KNATIVE_DIR, 'monitoring/podmonitor.yaml'), 'utf8'));
    const monitor = doc?.toJS() as {
      spec: {
        namespaceSelector: { matchNames: string[] };
        selector: { matchLabels: Record<string, string> };
      };
    };
    expect(monitor.spec.namespaceSelector.matchNames.sort()).toEqual(
      Object.values(ENVIRONMENT_SPECS)
        .map((e) => e.namespace)
        .sort(),
    );
    expect(monitor.spec.selector.matchLabels['serving.knative.dev/service']).toBe(base().metadata.name);
  });
});

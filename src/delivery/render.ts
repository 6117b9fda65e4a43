/**
 * @module delivery/render
 * Renders the committed Knative manifests of every environment (`npm run knative:render`). The files are
 * numbered so `kubectl apply -f knative/<env>/` creates the namespace before what lives in it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { ENVIRONMENT_SPECS, type EnvironmentName } from './environments.ts';
import { configMap, defaultRelease, knativeService, namespace, serviceAccount } from './manifests.ts';

export const KNATIVE_DIR = resolve(import.meta.dirname, '../../knative');

const HEADER =
  '# Generated from src/delivery/environments.ts by `npm run knative:render`; do not edit by hand.\n' +
  '# First install only: later releases change the image and traffic through `npm run rollout`.\n';

function packageVersion(): string {
  const text = readFileSync(resolve(KNATIVE_DIR, '../package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export function renderEnvironment(name: EnvironmentName, version = packageVersion()): Record<string, string> {
  const env = ENVIRONMENT_SPECS[name];
  const yaml = (object: unknown) => `${HEADER}${stringify(object, { lineWidth: 0 })}`;
  return {
    '00-namespace.yaml': yaml(namespace(env)),
    '10-serviceaccount.yaml': yaml(serviceAccount(env)),
    '20-configmap.yaml': yaml(configMap(env)),
    '30-service.yaml': yaml(knativeService(env, defaultRelease(version))),
  };
}

/** Every rendered file, by path relative to `knative/`. */
export function renderAllEnvironments(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of Object.keys(ENVIRONMENT_SPECS) as EnvironmentName[]) {
    for (const [file, text] of Object.entries(renderEnvironment(name))) files[`${name}/${file}`] = text;
  }
  return files;
}

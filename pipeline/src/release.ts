/**
 * Pure release rules: which image tags a git ref gets and which environments it deploys to.
 * Kept free of Dagger types so the same rules are unit-tested outside the engine (test/pipeline/).
 */

export type Environment = 'dev' | 'staging' | 'prod';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** The part after `-`, e.g. `rc.1`; empty for a release. */
  prerelease: string;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Parses `1.2.3`, `v1.2.3` or `1.2.3-rc.1`; anything else (build metadata, leading zeros, `1.2`) is null. */
export function parseVersion(text: string): SemVer | null {
  const match = SEMVER.exec(text.trim());
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ?? '',
  };
}

export function formatVersion(version: SemVer): string {
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return version.prerelease ? `${core}-${version.prerelease}` : core;
}

export interface GitRef {
  kind: 'branch' | 'tag';
  name: string;
}

/** Reads `refs/heads/x`, `refs/tags/x` or a bare branch name (what `git branch --show-current` prints). */
export function parseGitRef(ref: string): GitRef {
  const trimmed = ref.trim();
  if (!trimmed) throw new Error('git ref is empty');
  if (trimmed.startsWith('refs/tags/')) return { kind: 'tag', name: trimmed.slice('refs/tags/'.length) };
  if (trimmed.startsWith('refs/heads/')) return { kind: 'branch', name: trimmed.slice('refs/heads/'.length) };
  if (trimmed.startsWith('refs/'))
    throw new Error(`unsupported git ref "${trimmed}" (expected a branch or tag)`);
  return { kind: 'branch', name: trimmed };
}

const SHA = /^[0-9a-f]{7,40}$/;

export function shortSha(sha: string): string {
  const lower = sha.trim().toLowerCase();
  if (!SHA.test(lower)) throw new Error(`"${sha}" is not a git commit sha`);
  return lower.slice(0, 7);
}

/** A branch name made into a valid OCI tag: `feat/Chat UI` → `feat-chat-ui` (at most 128 characters). */
export function branchTag(branch: string): string {
  const tag = branch
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 128);
  if (!tag) throw new Error(`branch "${branch}" gives an empty image tag`);
  return tag;
}

export interface ReleasePlan {
  /** Tags to push, most specific first. */
  tags: string[];
  /** The version the image reports (OCI label, revision name); a semver for every build. */
  version: string;
  environments: Environment[];
}

/**
 * Tags and targets for one build:
 * - tag `v1.2.3` → `1.2.3`, `1.2`, `1`, `sha-abc1234`; deploys to prod (a pre-release such as `v1.3.0-rc.1`
 *   gets only its full version and deploys nowhere: it is for staging by hand);
 * - branch `main` → `main`, `sha-abc1234`, `latest`; deploys to dev and staging;
 * - any other branch → its sanitized name and `sha-abc1234`; deploys nowhere.
 * Branch builds report `<package version>-<branch>.<sha>` so every image has a semantic version.
 */
export function releasePlan(input: { ref: string; sha: string; packageVersion: string }): ReleasePlan {
  const ref = parseGitRef(input.ref);
  const sha = shortSha(input.sha);
  const shaTag = `sha-${sha}`;
  if (ref.kind === 'tag') {
    const version = parseVersion(ref.name);
    if (!version || !ref.name.startsWith('v')) {
      throw new Error(`tag "${ref.name}" is not a release tag (expected v<major>.<minor>.<patch>)`);
    }
    const full = formatVersion(version);
    if (version.prerelease) return { tags: [full, shaTag], version: full, environments: [] };
    return {
      tags: [full, `${version.major}.${version.minor}`, `${version.major}`, shaTag],
      version: full,
      environments: ['prod'],
    };
  }
  const base = parseVersion(input.packageVersion);
  if (!base) throw new Error(`package.json version "${input.packageVersion}" is not a semantic version`);
  const branch = branchTag(ref.name);
  const version = formatVersion({ ...base, prerelease: `${branch.replace(/[_.]/g, '-')}.${sha}` });
  if (ref.name === 'main') {
    return { tags: ['main', shaTag, 'latest'], version, environments: ['dev', 'staging'] };
  }
  return { tags: [branch, shaTag], version, environments: [] };
}

/** `ghcr.io/Owner/Repo` → `ghcr.io/owner/repo`: registries want lower-case repository names. */
export function imageRepository(registry: string, repository: string): string {
  const host = registry.trim().replace(/\/+$/, '');
  const path = repository.trim().replace(/^\/+|\/+$/g, '');
  if (!host || !path) throw new Error('registry and repository are both required');
  return `${host}/${path}`.toLowerCase();
}

/**
 * The git ref of a CI run that `workflow_run` hands to CD as `head_branch`: the branch name for a branch
 * push, the bare tag name for a tag push. ci.yml runs on pushes to `main`, `develop`, `feat/**` and tags
 * `v*` only, so a `head_branch` that is none of those branches is a tag.
 */
export function workflowRunRef(headBranch: string): string {
  const name = headBranch.trim();
  if (!name) throw new Error('workflow_run head_branch is empty');
  if (name === 'main' || name === 'develop' || name.startsWith('feat/')) return `refs/heads/${name}`;
  return `refs/tags/${name}`;
}

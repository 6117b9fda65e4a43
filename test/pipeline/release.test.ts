import { describe, expect, it } from 'vitest';
import {
  branchTag,
  imageRepository,
  parseGitRef,
  parseVersion,
  releasePlan,
  shortSha,
  workflowRunRef,
} from '../../pipeline/src/release.ts';

const SHA = '3f9a2c41d0b8e7f6a5c4b3a2918e7d6c5b4a3f2e';

describe('release rules', () => {
  it('parses semantic versions and refuses near misses', () => {
    expect(parseVersion('v1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: '' });
    expect(parseVersion('1.3.0-rc.1')).toEqual({ major: 1, minor: 3, patch: 0, prerelease: 'rc.1' });
    for (const bad of ['1.2', '01.2.3', '1.2.3+build', 'v1.2.x', '', 'latest'])
      expect(parseVersion(bad), bad).toBeNull();
  });

  it('reads git refs', () => {
    expect(parseGitRef('refs/tags/v1.0.0')).toEqual({ kind: 'tag', name: 'v1.0.0' });
    expect(parseGitRef('refs/heads/feat/chat-ui')).toEqual({ kind: 'branch', name: 'feat/chat-ui' });
    expect(parseGitRef('main')).toEqual({ kind: 'branch', name: 'main' });
    expect(() => parseGitRef('refs/pull/12/merge')).toThrow(/unsupported git ref/);
  });

  it('tags a release tag with its version, minor, major and sha, and deploys it to prod', () => {
    expect(releasePlan({ ref: 'refs/tags/v1.4.2', sha: SHA, packageVersion: '1.4.2' })).toEqual({
      tags: ['1.4.2', '1.4', '1', 'sha-3f9a2c4'],
      version: '1.4.2',
      environments: ['prod'],
    });
  });

  it('tags a pre-release only with its full version and deploys it nowhere', () => {
    expect(releasePlan({ ref: 'refs/tags/v2.0.0-rc.1', sha: SHA, packageVersion: '2.0.0' })).toEqual({
      tags: ['2.0.0-rc.1', 'sha-3f9a2c4'],
      version: '2.0.0-rc.1',
      environments: [],
    });
  });

  it('tags main as main, sha and latest, with a semantic version, and deploys it to dev and staging', () => {
    expect(releasePlan({ ref: 'refs/heads/main', sha: SHA, packageVersion: '0.1.0' })).toEqual({
      tags: ['main', 'sha-3f9a2c4', 'latest'],
      version: '0.1.0-main.3f9a2c4',
      environments: ['dev', 'staging'],
    });
  });

  it('tags a feature branch by its sanitized name and never as latest', () => {
    const plan = releasePlan({ ref: 'refs/heads/feat/Chat_UI', sha: SHA, packageVersion: '0.1.0' });
    expect(plan.tags).toEqual(['feat-chat_ui', 'sha-3f9a2c4']);
    expect(plan.version).toBe('0.1.0-feat-chat-ui.3f9a2c4');
    expect(parseVersion(plan.version)).not.toBeNull();
    expect(plan.environments).toEqual([]);
  });

  it('refuses what would publish a wrong image', () => {
    expect(() => releasePlan({ ref: 'refs/tags/release-1', sha: SHA, packageVersion: '1.0.0' })).toThrow(
      /not a release tag/,
    );
    expect(() => releasePlan({ ref: 'main', sha: 'not-a-sha', packageVersion: '1.0.0' })).toThrow(
      /not a git commit sha/,
    );
    expect(() => releasePlan({ ref: 'main', sha: SHA, packageVersion: 'one' })).toThrow(
      /not a semantic version/,
    );
    expect(() => branchTag('///')).toThrow(/empty image tag/);
  });

  it('lower-cases repository paths and shortens shas', () => {
    expect(imageRepository('ghcr.io/', '/ShopyVerse/Chatbot')).toBe('ghcr.io/shopyverse/chatbot');
    expect(shortSha(SHA.toUpperCase())).toBe('3f9a2c4');
  });

  it("maps a CI run's head_branch back to its ref, so CD releases a tag as a tag and a pre-release nowhere", () => {
    expect(workflowRunRef('main')).toBe('refs/heads/main');
    expect(workflowRunRef('feat/chat-ui')).toBe('refs/heads/feat/chat-ui');
    expect(workflowRunRef('v1.3.0')).toBe('refs/tags/v1.3.0');
    const rc = releasePlan({ ref: workflowRunRef('v1.3.0-rc.1'), sha: 'abc1234', packageVersion: '1.3.0' });
    expect(rc.environments).toEqual([]);
    const release = releasePlan({ ref: workflowRunRef('v1.3.0'), sha: 'abc1234', packageVersion: '1.3.0' });
    expect(release.environments).toEqual(['prod']);
    expect(release.version).toBe('1.3.0');
    expect(() => workflowRunRef(' ')).toThrow(/empty/);
  });
});

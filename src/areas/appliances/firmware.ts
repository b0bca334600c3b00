// appliances area, firmware: the update a device should install and, for the admin portal, the
// releases (publish, list). SQL lives in queries/appliances.sql (app.firmware_releases).
//
// Rule defined here: the newest release above the running version on the device's channel or a
// more stable one (alpha ⊇ beta ⊇ stable), among those whose min_version the running version meets;
// mandatory when any release in (running, offered] on those channels is mandatory.
import type { DbClient } from '../../db/context.ts';
import { runQuery } from '../../db/run-query.ts';
import { adminListFirmware, adminPublishFirmware, firmwareUpdate as firmwareUpdateQuery, type IAdminListFirmwareResult } from '../../generated/appliances.queries.ts';
import { bool, fail, INT32_MAX, isPlainObject, num, oneOf, optionalText, text } from '../shared/input.ts';

export const FIRMWARE_TARGETS = ['cm5', 'stm32'] as const;
export type FirmwareTarget = (typeof FIRMWARE_TARGETS)[number];
export const FIRMWARE_CHANNELS = ['stable', 'beta', 'alpha'] as const;
export type FirmwareChannel = (typeof FIRMWARE_CHANNELS)[number];

export interface FirmwareRelease {
  id: string;
  target: FirmwareTarget;
  version: string;
  channel: FirmwareChannel;
  binaryUrl: string;
  checksumSha256: string;
  fileSizeBytes: number;
  releaseNotes: string | null;
  isMandatory: boolean;
  minVersion: string | null;
  createdAt: Date;
}

// Semantic Versioning 2.0.0, the same pattern as app.is_semver.
const SEMVER =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function semver(value: unknown, field: string): string {
  const s = text(value, field, { max: 20, trim: true });
  if (!SEMVER.test(s)) fail(field, 'semver', `must be a semantic version such as 1.2.0 or 1.3.0-beta.1, got ${JSON.stringify(s)}`);
  return s;
}

export const optionalSemver = (v: unknown, field: string) => (v === undefined || v === null ? null : semver(v, field));


// --- firmware -------------------------------------------------------------------------------------------

export interface FirmwareQuery {
  target: FirmwareTarget;
  /** The device's channel (default stable). Beta also gets stable releases, alpha gets all. */
  channel?: FirmwareChannel;
  /** The version the device runs now. */
  currentVersion: string;
}

export interface FirmwareOffer {
  release: FirmwareRelease;
  /** True when this release, or a release it supersedes (between the running version and it), is mandatory. */
  mandatory: boolean;
  /** Newer releases the device cannot apply yet (min_version above its version); it will be offered them after this one. */
  newerNotApplicable: number;
}

const CHANNELS_FOR: Record<FirmwareChannel, FirmwareChannel[]> = {
  stable: ['stable'],
  beta: ['stable', 'beta'],
  alpha: ['stable', 'beta', 'alpha'],
};

/**
 * The release a device should install (semver order, app.semver_sort_key): the newest release
 * above `currentVersion` on the device's channel (or a more stable one) whose min_version it
 * meets; null when it is up to date.
 */
export async function firmwareUpdate(client: DbClient, input: FirmwareQuery): Promise<FirmwareOffer | null> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const target = oneOf(input.target, 'target', FIRMWARE_TARGETS);
  const channel = input.channel === undefined ? 'stable' : oneOf(input.channel, 'channel', FIRMWARE_CHANNELS);
  const currentVersion = semver(input.currentVersion, 'currentVersion');
  const [row] = await runQuery(firmwareUpdateQuery, { target, channels: CHANNELS_FOR[channel], currentVersion }, client);
  if (!row) return null;
  const { mandatory, newerNotApplicable, ...release } = row;
  return { release: release as FirmwareRelease, mandatory, newerNotApplicable };
}

// --- admin: firmware releases -------------------------------------------------------------------------------

export interface FirmwareReleaseInput {
  target: FirmwareTarget;
  /** Semantic version, unique per target. */
  version: string;
  /** Default stable. */
  channel?: FirmwareChannel;
  /** https:// or s3:// URL of the binary (at most 2048 characters). */
  binaryUrl: string;
  /** SHA-256 of the binary: 64 hex digits (stored in lower case). */
  checksumSha256: string;
  /** 1 to 2147483647. */
  fileSizeBytes: number;
  /** Markdown, at most 100000 characters. */
  releaseNotes?: string | null;
  /** Default false. */
  isMandatory?: boolean;
  /** The lowest running version that may apply it (not above version); null = any. */
  minVersion?: string | null;
}

/** Publishes a firmware release. ConflictError when the target already has this version. */
export async function publishFirmware(client: DbClient, input: FirmwareReleaseInput): Promise<FirmwareRelease> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const binaryUrl = text(input.binaryUrl, 'binaryUrl', { max: 2048, trim: true });
  if (!/^(https|s3):\/\/\S+$/.test(binaryUrl)) fail('binaryUrl', 'url', 'must be an https:// or s3:// URL without spaces');
  const checksum = text(input.checksumSha256, 'checksumSha256', { max: 64, trim: true }).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(checksum)) fail('checksumSha256', 'sha256', 'must be 64 hexadecimal digits');
  const params = {
    target: oneOf(input.target, 'target', FIRMWARE_TARGETS),
    version: semver(input.version, 'version'),
    channel: input.channel === undefined ? 'stable' : oneOf(input.channel, 'channel', FIRMWARE_CHANNELS),
    binaryUrl,
    checksumSha256: checksum,
    fileSizeBytes: num(input.fileSizeBytes, 'fileSizeBytes', { min: 1, max: INT32_MAX, integer: true }),
    releaseNotes: optionalText(input.releaseNotes, 'releaseNotes', { min: 0, max: 100_000 }) ?? null,
    isMandatory: input.isMandatory === undefined ? false : bool(input.isMandatory, 'isMandatory'),
    minVersion: optionalSemver(input.minVersion, 'minVersion'),
  };
  const [row] = await runQuery(adminPublishFirmware, params, client);
  return toRelease(row!);
}

function toRelease(row: IAdminListFirmwareResult): FirmwareRelease {
  return { ...row, target: row.target as FirmwareTarget, channel: row.channel as FirmwareChannel };
}

/** A target's releases, newest version first. */
export async function listFirmware(client: DbClient, target: FirmwareTarget): Promise<FirmwareRelease[]> {
  const t = oneOf(target, 'target', FIRMWARE_TARGETS);
  return (await runQuery(adminListFirmware, { target: t }, client)).map(toRelease);
}

export const forUser = { firmwareUpdate };
export const forAdmin = { publishFirmware, listFirmware };

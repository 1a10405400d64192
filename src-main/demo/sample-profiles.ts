/**
 * The two sample export jobs the demo and the tests build (`demo` and `alternate`): which blobs the
 * storage account holds, how they were uploaded, and how the export drive was damaged.
 *
 * The profiles are deliberately different (names, sizes, blob types, block-ID styles, snapshots,
 * damage mix) so that a repair which passes on both is not tuned to one sample. Structure and
 * sizes are fixed per profile; the bytes come from the seed (see `sample-job.ts`).
 *
 * Sources: formats.md §1 (copy-log statuses), §2 (manifest rules: blocks ≤ 4 MiB, pages 512-aligned),
 * §3 (sidecar files), seeds `001_…`/`003_…` (RepairExport, the 9WM35C3U drive of the samples).
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** HTTP properties set on a sample blob (the documented `.properties` values a client can set). */
export interface SampleHeaders {
  contentType?: string;
  cacheControl?: string;
  contentLanguage?: string;
  contentEncoding?: string;
  /** When true, Content-MD5 (base64 MD5 of the whole blob) is stored as the client would. */
  md5?: boolean;
}

/** One blob of a sample storage account. Names are blob names inside the profile's container. */
export interface SampleBlobSpec {
  name: string;
  type: 'block' | 'page';
  /** Block blobs: sizes of the committed blocks in bytes, in order (each ≤ 4 MiB). `[]` = zero-length blob. */
  blocks?: number[];
  /**
   * Block blobs: `blocks` (Put Block + Put Block List with explicit IDs, the default) or `put`
   * (one Put Blob of the sum of `blocks`: the blob then has no committed block list, and the
   * manifest describes it in service-chosen ranges without `Id`).
   */
  upload?: 'blocks' | 'put';
  /** Page blobs: blob size in bytes (multiple of 512). */
  size?: number;
  /** Page blobs: `[offset, length]` ranges written with Put Page (multiples of 512); the rest stays empty. */
  pages?: Array<[number, number]>;
  /** Random bytes (default) or pseudo-text (UTF-8). */
  content?: 'binary' | 'text';
  headers?: SampleHeaders;
  /** Metadata names must be lower-case: Node lower-cases HTTP header names, so Get Blob Properties returns them so. */
  metadata?: Record<string, string>;
  /**
   * Snapshots: `count` snapshots are taken, each followed by a change of the base blob (data,
   * metadata and properties); the export read snapshot number `exported` (0 = oldest), so only
   * that snapshot matches the drive.
   */
  snapshots?: { count: number; exported: number };
}

/** Copy-log status of a failed block or page range (formats.md §1.2). */
export type RangeFailStatus =
  | 'Failed'
  | 'Corrupted'
  | 'BlobRequestFailed'
  | 'IOFailed'
  | 'FileUnexpectedEnd'
  | 'BlobUnexpectedEnd'
  | 'Cancelled';

/** How the bytes of a failed range look on the damaged drive. */
export type DamageFill = 'zero' | 'garbage' | 'half';

/** One damage applied to the exported drive. `blob` is the blob name; range indexes count the manifest's ranges. */
export type SampleDamageSpec =
  | { kind: 'failed-block'; blob: string; range: number; status: RangeFailStatus; fill: DamageFill }
  | { kind: 'failed-page-range'; blob: string; range: number; status: RangeFailStatus; fill: DamageFill }
  /** Bytes flipped inside one range; the copy log says nothing, only the manifest's MD5 reveals it. */
  | { kind: 'silent-corruption'; blob: string; range: number; flips: number }
  /** The data file is absent from the drive; the copy log says nothing (only the manifest lists it). */
  | { kind: 'missing-file'; blob: string }
  /** The data file is cut to `keep` bytes (< Length); only the manifest reveals it. */
  | { kind: 'truncated-file'; blob: string; keep: number }
  /** The `.properties` file is deleted or garbled; the copy log has `<Properties Status=…>`. */
  | { kind: 'failed-properties'; blob: string; status: string; how: 'deleted' | 'garbled' }
  /** The `.metadata` file is deleted or garbled; the copy log has `<Metadata Status=…>`. */
  | { kind: 'failed-metadata'; blob: string; status: string; how: 'deleted' | 'garbled' }
  /**
   * The whole blob failed: copy-log blob status `blobStatus`, its first range `firstStatus`, every
   * later range `Cancelled`. `file`: the data file is absent, or present at full length but all zero.
   */
  | { kind: 'whole-blob-failed'; blob: string; blobStatus: string; firstStatus: RangeFailStatus; file: 'missing' | 'zeroed' };

/** A whole sample job: account contents, drive identity and damage. */
export interface SampleProfile {
  /** Preferred container name; a suffix `-2`, `-3`… is added when it already exists in the account. */
  container: string;
  /** Drive serial number (`DriveId`). */
  driveId: string;
  /** Job name used in the log/manifest blob names (`waies/<job>_<driveid>_<timestamp>_<type>.xml`, formats.md §6). */
  jobName: string;
  /** Timestamp part of those names. */
  logTimestamp: string;
  /** `DriveManifest/@Version`. */
  manifestVersion: string;
  /** `DriveLog/@Version`; undefined → no Version attribute, as in the seeds' copy-log sample. */
  copyLogVersion?: string;
  /** Block-ID style: base64 of a 4-byte little-endian counter (`AAAAAA==`), or base64 of `block-000001`. */
  blockIdStyle: 'counter' | 'text';
  /** Range size the "service" uses to describe blobs without a committed block list, bytes. */
  putChunk: number;
  /** Default seed of the profile. */
  defaultSeed: number;
  blobs: SampleBlobSpec[];
  damage: SampleDamageSpec[];
}

/** Words for the pseudo-text blobs (Dutch, English, some non-ASCII). */
export const TEXT_WORDS: readonly string[] = [
  'export', 'schijf', 'drive', 'blok', 'block', 'haven', 'harbour', 'zee', 'strand', 'rapport', 'report',
  'factuur', 'invoice', 'contract', 'getekend', 'signed', 'kopie', 'copy', 'log', 'status', 'Completed',
  'één', 'twee', 'drie', 'café', 'naïef', 'coördinatie', 'Größe', 'Übersicht', '報告書', '資料', 'データ',
  'the', 'de', 'het', 'and', 'en', 'of', 'van', 'with', 'met', 'offset', 'length', 'hash', 'MD5',
];

const jpeg = { contentType: 'image/jpeg', cacheControl: 'public, max-age=86400', md5: true } as const;

/**
 * `demo`: drive 9WM35C3U (the drive of the seeds' samples), container `exportjob`, 11 blobs.
 * Block blobs with 4-byte counter IDs and varied block sizes (one ≈4 MiB in 5 blocks), a sparse
 * 4 MiB page blob, a blob exported from a snapshot (base changed afterwards), non-ASCII names
 * (Dutch apostrophe/diaeresis/emoji-like ☀, Japanese), a name NTFS forbids (colons), a
 * zero-length blob, properties and metadata.
 * Damage: failed blocks (Failed/zeroed, Corrupted/garbage, IOFailed), a failed page range, silent
 * corruption, a truncated file, failed properties, failed metadata, and a whole blob that failed
 * (file absent, blocks Cancelled).
 */
export const DEMO_PROFILE: SampleProfile = {
  container: 'exportjob',
  driveId: '9WM35C3U',
  jobName: 'demojob',
  logTimestamp: '20190321-101502-117',
  manifestVersion: '2011-10-01',
  copyLogVersion: '2014-11-01',
  blockIdStyle: 'counter',
  putChunk: 1 * MiB,
  defaultSeed: 20190321,
  blobs: [
    {
      name: 'videos/harbour-tour.mp4',
      type: 'block',
      blocks: [1 * MiB, 1 * MiB, 1 * MiB + 37, 700 * KiB + 5, 333_333],
      headers: { contentType: 'video/mp4', cacheControl: 'no-cache', md5: true },
      metadata: { camera: 'gopro-hero7', location: 'rotterdam' },
    },
    {
      name: 'disks/build-agent.vhd',
      type: 'page',
      size: 4 * MiB,
      pages: [
        [0, 64 * KiB],
        [1 * MiB, 12 * KiB + 512],
        [3 * MiB - 1024, 1536],
        [4 * MiB - 512, 512],
      ],
      headers: { contentType: 'application/octet-stream', md5: true },
      metadata: { role: 'build' },
    },
    {
      name: "foto's/zee-ë/strand ☀.jpg",
      type: 'block',
      blocks: [64 * KiB, 64 * KiB, 40_003],
      headers: { ...jpeg, contentLanguage: 'nl-NL' },
      metadata: { fotograaf: 'anouk', jaar: '2018' },
    },
    {
      name: '資料/報告書 2019.pdf',
      type: 'block',
      blocks: [256 * KiB, 256 * KiB, 100_001],
      headers: { contentType: 'application/pdf', contentLanguage: 'ja-JP', md5: true },
    },
    {
      name: 'contracts/signed-2019.pdf',
      type: 'block',
      blocks: [128 * KiB, 128 * KiB, 90_000],
      headers: { contentType: 'application/pdf', cacheControl: 'private', md5: true },
      metadata: { signedby: 'j.de.vries', revision: '1' },
      snapshots: { count: 1, exported: 0 },
    },
    {
      name: 'notes/readme.txt',
      type: 'block',
      blocks: [4096 + 11, 2000],
      content: 'text',
      headers: { contentType: 'text/plain; charset=utf-8', contentLanguage: 'nl', md5: true },
    },
    {
      name: 'logs/2019-03-21T10:15:02.log',
      type: 'block',
      blocks: [8192, 8192, 1234],
      content: 'text',
      headers: { contentType: 'text/plain', contentEncoding: 'identity' },
    },
    { name: 'empty/placeholder.dat', type: 'block', blocks: [], headers: { contentType: 'application/octet-stream' } },
    {
      name: 'photos/album/IMG_0001.jpg',
      type: 'block',
      blocks: [96 * KiB, 31_337],
      headers: jpeg,
      metadata: { width: '4032', height: '3024', iso: '100' },
    },
    {
      name: 'photos/album/IMG_0002.jpg',
      type: 'block',
      blocks: [96 * KiB, 96 * KiB, 12_345],
      headers: jpeg,
      metadata: { width: '3024', height: '4032' },
    },
    {
      name: 'archive/backup-2019-03.zip',
      type: 'block',
      blocks: [2 * MiB, 1.5 * MiB + 100, 512 * KiB],
      headers: { contentType: 'application/zip', md5: true },
    },
  ],
  damage: [
    { kind: 'failed-block', blob: 'videos/harbour-tour.mp4', range: 1, status: 'Failed', fill: 'zero' },
    { kind: 'failed-block', blob: 'videos/harbour-tour.mp4', range: 3, status: 'Corrupted', fill: 'garbage' },
    { kind: 'failed-page-range', blob: 'disks/build-agent.vhd', range: 1, status: 'BlobRequestFailed', fill: 'zero' },
    { kind: 'silent-corruption', blob: "foto's/zee-ë/strand ☀.jpg", range: 1, flips: 3 },
    { kind: 'truncated-file', blob: '資料/報告書 2019.pdf', keep: 300_000 },
    { kind: 'failed-block', blob: 'contracts/signed-2019.pdf', range: 2, status: 'Failed', fill: 'zero' },
    { kind: 'failed-properties', blob: 'notes/readme.txt', status: 'Failed', how: 'deleted' },
    { kind: 'failed-block', blob: 'logs/2019-03-21T10:15:02.log', range: 0, status: 'IOFailed', fill: 'half' },
    { kind: 'failed-metadata', blob: 'photos/album/IMG_0001.jpg', status: 'Corrupted', how: 'garbled' },
    { kind: 'whole-blob-failed', blob: 'archive/backup-2019-03.zip', blobStatus: 'Failed', firstStatus: 'BlobRequestFailed', file: 'missing' },
    { kind: 'failed-properties', blob: 'archive/backup-2019-03.zip', status: 'Cancelled', how: 'deleted' },
  ],
};

/**
 * `alternate`: drive WCC4N2XK, container `archief-2019`, built differently from `demo`: text-style
 * block IDs, more page blobs (one with a written range longer than 4 MiB, one with no pages at
 * all, one exported from the older of two snapshots), a block blob exported from the middle of
 * three snapshots, blobs uploaded with a single Put Blob (no block IDs), a name with `"` and `?`,
 * German and Japanese names, a zero-length blob at the container root.
 * Damage: a manifest-only missing file, a whole page blob that failed (file absent), Corrupted and
 * Failed page ranges, two failed blocks plus silent corruption in one file, a failed block without
 * Id, a truncated file from a snapshot, deleted metadata, garbled properties.
 */
export const ALTERNATE_PROFILE: SampleProfile = {
  container: 'archief-2019',
  driveId: 'WCC4N2XK',
  jobName: 'archive-export',
  logTimestamp: '20181105-163010-045',
  manifestVersion: '2014-11-01',
  blockIdStyle: 'text',
  putChunk: 512 * KiB,
  defaultSeed: 20181105,
  blobs: [
    {
      name: 'vm/os-disk.vhd',
      type: 'page',
      size: 6 * MiB,
      pages: [
        [512, 4.5 * MiB],
        [5 * MiB + 4096, 8192],
        [6 * MiB - 2048, 2048],
      ],
      headers: { contentType: 'application/octet-stream', md5: true },
      metadata: { os: 'windows-server-2016' },
    },
    {
      name: 'vm/data-disk.vhd',
      type: 'page',
      size: 2 * MiB,
      pages: [
        [0, 16 * KiB],
        [256 * KiB, 4096],
        [1 * MiB + 512, 512],
        [2 * MiB - 32 * KiB, 32 * KiB],
      ],
      headers: { contentType: 'application/octet-stream', cacheControl: 'no-store' },
      metadata: { lun: '1' },
      snapshots: { count: 2, exported: 0 },
    },
    { name: 'vm/empty-disk.vhd', type: 'page', size: 1 * MiB, pages: [], headers: { contentType: 'application/octet-stream' } },
    {
      name: 'vm/swap.vhd',
      type: 'page',
      size: 1 * MiB,
      pages: [
        [0, 8192],
        [512 * KiB, 64 * KiB],
        [1 * MiB - 4096, 4096],
      ],
      headers: { contentType: 'application/octet-stream' },
    },
    {
      name: 'scans/2018/Überweisung №42.tiff',
      type: 'block',
      blocks: [2.5 * MiB + 77],
      upload: 'put',
      headers: { contentType: 'image/tiff', contentLanguage: 'de-DE' },
      metadata: { scanner: 'fujitsu-fi7160' },
    },
    {
      name: 'scans/2018/Ordner "alt"/scan?.tiff',
      type: 'block',
      blocks: [1 * MiB + 50_000],
      upload: 'put',
      headers: { contentType: 'image/tiff' },
    },
    {
      name: 'db/dump-2019.sql',
      type: 'block',
      blocks: [300_001, 250_000, 512 * KiB, 99_999, 7, 4 * MiB],
      content: 'text',
      headers: { contentType: 'application/sql', contentEncoding: 'identity', md5: true },
      metadata: { database: 'crm' },
      snapshots: { count: 3, exported: 1 },
    },
    {
      name: 'mail/Posteingang/ニュースレター.eml',
      type: 'block',
      blocks: [20_000, 20_000, 20_000, 3],
      content: 'text',
      headers: { contentType: 'message/rfc822', contentLanguage: 'ja' },
      metadata: { folder: 'inbox', read: 'false' },
    },
    {
      name: 'mail/Posteingang/rechnung.pdf',
      type: 'block',
      blocks: [180_000],
      headers: { contentType: 'application/pdf', cacheControl: 'max-age=0', md5: true },
      metadata: { kunde: 'mueller-gmbh' },
    },
    { name: 'leeg.txt', type: 'block', blocks: [], content: 'text', headers: { contentType: 'text/plain' } },
    {
      name: 'media/clip.mov',
      type: 'block',
      blocks: [768 * KiB, 768 * KiB, 768 * KiB, 768 * KiB - 1, 1],
      headers: { contentType: 'video/quicktime', md5: true },
    },
  ],
  damage: [
    { kind: 'failed-page-range', blob: 'vm/os-disk.vhd', range: 1, status: 'Corrupted', fill: 'garbage' },
    { kind: 'silent-corruption', blob: 'vm/os-disk.vhd', range: 3, flips: 1 },
    { kind: 'failed-page-range', blob: 'vm/data-disk.vhd', range: 2, status: 'Failed', fill: 'zero' },
    { kind: 'whole-blob-failed', blob: 'vm/swap.vhd', blobStatus: 'Failed', firstStatus: 'Failed', file: 'missing' },
    { kind: 'missing-file', blob: 'scans/2018/Überweisung №42.tiff' },
    { kind: 'failed-block', blob: 'scans/2018/Ordner "alt"/scan?.tiff', range: 1, status: 'BlobRequestFailed', fill: 'half' },
    { kind: 'truncated-file', blob: 'db/dump-2019.sql', keep: 300_001 + 100_000 },
    { kind: 'failed-metadata', blob: 'mail/Posteingang/ニュースレター.eml', status: 'XmlWriteFailed', how: 'deleted' },
    { kind: 'failed-properties', blob: 'mail/Posteingang/rechnung.pdf', status: 'Corrupted', how: 'garbled' },
    { kind: 'failed-block', blob: 'media/clip.mov', range: 1, status: 'BlobRequestFailed', fill: 'zero' },
    { kind: 'failed-block', blob: 'media/clip.mov', range: 2, status: 'Cancelled', fill: 'zero' },
    { kind: 'silent-corruption', blob: 'media/clip.mov', range: 3, flips: 5 },
  ],
};

/** The profiles by name. */
export const SAMPLE_PROFILES: Readonly<Record<'demo' | 'alternate', SampleProfile>> = {
  demo: DEMO_PROFILE,
  alternate: ALTERNATE_PROFILE,
};

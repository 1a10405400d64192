/**
 * Test support: Windows outputs for the Windows adapter's tests, since no Windows machine runs here.
 * manage-bde's texts follow its documented shape (platform.md §Windows: `ERROR: An error occurred (code
 * 0x80310027):` then the localized message) in English and Dutch; the adapter reads only the exit code and
 * the `0x…` code, so the exact words do not matter — which is what the Dutch outputs prove. PowerShell
 * outputs are what the adapter's own scripts print (`ConvertTo-Json -Compress`, `RESULT=<uint32>`).
 * Return values: 2150694951 = 0x80310027 (wrong key), 2150694963 = 0x80310033 (no numerical password),
 * 2150694920 = 0x80310008 (BitLocker not on).
 */
import type { CommandResult } from '../drives/command-runner.ts';

const HEADER_EN = 'BitLocker Drive Encryption: Configuration Tool version 10.0.22621\r\nCopyright (C) 2013 Microsoft Corporation. All rights reserved.\r\n\r\n';
const HEADER_NL = 'BitLocker-stationsversleuteling: configuratieprogramma versie 10.0.22621\r\nCopyright (C) 2013 Microsoft Corporation. Alle rechten voorbehouden.\r\n\r\n';

/** manage-bde -unlock outputs (exit codes as Node reports them: 0, or -1 / 4294967295 for errors). */
export const MANAGE_BDE = {
  okEn: { code: 0, stdout: `${HEADER_EN}Password successfully unlocked volume G:.\r\n`, stderr: '' },
  okNl: { code: 0, stdout: `${HEADER_NL}Het wachtwoord heeft volume G: ontgrendeld.\r\n`, stderr: '' },
  wrongKeyEn: { code: -1, stdout: `${HEADER_EN}ERROR: An error occurred (code 0x80310027):\r\nThe recovery password cannot unlock this volume.\r\n`, stderr: '' },
  wrongKeyNl: { code: 4294967295, stdout: `${HEADER_NL}FOUT: er is een fout opgetreden (code 0x80310027):\r\nMet het herstelwachtwoord kan dit volume niet worden ontgrendeld.\r\n`, stderr: '' },
  accessDeniedEn: { code: -1, stdout: `${HEADER_EN}ERROR: An error occurred (code 0x80070005):\r\nAn attempt to access a required resource was denied.\r\n`, stderr: '' },
  accessDeniedNl: { code: -1, stdout: `${HEADER_NL}FOUT: er is een fout opgetreden (code 0x80070005):\r\nEen poging om toegang te krijgen tot een vereiste bron is geweigerd.\r\n`, stderr: '' },
  /** A failure that carries no code (e.g. a broken WMI repository): the adapter falls back to CIM. */
  noCodeNl: { code: 1, stdout: `${HEADER_NL}FOUT: kan geen verbinding maken met de BitLocker-beheerinterface.\r\n`, stderr: '' },
  /** Any code, in the Dutch frame. */
  codeNl: (hex: string): CommandResult => ({ code: -1, stdout: `${HEADER_NL}FOUT: er is een fout opgetreden (code ${hex}):\r\nOnbekende fout.\r\n`, stderr: '' }),
  codeEn: (hex: string): CommandResult => ({ code: -1, stdout: `${HEADER_EN}ERROR: An error occurred (code ${hex}):\r\nUnknown error.\r\n`, stderr: '' }),
} satisfies Record<string, CommandResult | ((hex: string) => CommandResult)>;

/** Status script outputs (`ConvertTo-Json -Compress` of the adapter's ordered hashtable). */
export const STATUS = {
  locked: '{"volume":true,"encryptable":true,"lock":1,"conversion":1,"protectors":1,"fileSystem":""}',
  unlocked: '{"volume":true,"encryptable":true,"lock":0,"conversion":1,"protectors":1,"fileSystem":"NTFS"}',
  noVolume: '{"volume":false,"encryptable":false,"lock":null,"conversion":null,"protectors":null,"fileSystem":null}',
  notEncryptable: '{"volume":true,"encryptable":false,"lock":null,"conversion":null,"protectors":null,"fileSystem":"FAT32"}',
  decrypted: '{"volume":true,"encryptable":true,"lock":0,"conversion":0,"protectors":0,"fileSystem":"NTFS"}',
  noNumericalPassword: '{"volume":true,"encryptable":true,"lock":1,"conversion":1,"protectors":0,"fileSystem":""}',
};

/** PowerShell's error stream when CIM refuses a non-elevated caller (CLIXML, as PowerShell 5.1 writes it to a pipe). */
export const CIM_ACCESS_DENIED =
  '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Get-CimInstance : Access denied _x000D__x000A_</S><S S="Error">At line:1 char:1_x000D__x000A_</S></Objs>';

/**
 * Discovery script output on an elevated Windows 11: C: (system, NVMe, unlocked BitLocker), G: (the export
 * drive on USB, locked: no file system, size 0, partition size known), E: (a FAT32 stick, not encryptable),
 * and a letterless recovery partition. BusType as MSFT_Disk's numbers. Serial numbers as Get-Disk prints
 * them (trailing spaces, a space inside).
 */
export const DISCOVERY_ELEVATED = JSON.stringify({
  bitLockerQueried: true,
  volumes: [
    { path: '\\\\?\\Volume{1b0c6a6e-0000-0000-0000-100000000000}\\', driveLetter: 'C', label: 'Windows', fileSystem: 'NTFS', size: 510770802688, partitionSize: 510770802688, diskNumber: 0, serial: 'E823_8FA6_BF53_0001_001B_448B_4A2B_1C55.', busType: '17', model: 'SAMSUNG MZVL2512HCJQ', lockStatus: 0, conversionStatus: 1, protectionStatus: 1 },
    { path: '\\\\?\\Volume{5e7c2d10-9b1e-4c7e-8a7e-2f9d3c0a1b22}\\', driveLetter: 'G', label: '', fileSystem: '', size: 0, partitionSize: 4000785104896, diskNumber: 2, serial: '9WM35C3U   ', busType: 7, model: 'ST4000DM004-2CV104', lockStatus: 1, conversionStatus: 1, protectionStatus: 2 },
    { path: '\\\\?\\Volume{7a1f0000-0000-0000-0000-000000000003}\\', driveLetter: 'E', label: 'STICK', fileSystem: 'FAT32', size: 15518924800, partitionSize: 15518924800, diskNumber: 3, serial: 'AA00 0000 0000 0489', busType: 'USB', model: 'SanDisk Cruzer', lockStatus: null, conversionStatus: null, protectionStatus: null },
    { path: '\\\\?\\Volume{0d6e0000-0000-0000-0000-000000000004}\\', driveLetter: '', label: 'Recovery', fileSystem: 'NTFS', size: 680521728, partitionSize: 680521728, diskNumber: 0, serial: 'E823_8FA6_BF53_0001_001B_448B_4A2B_1C55.', busType: 17, model: 'SAMSUNG MZVL2512HCJQ', lockStatus: null, conversionStatus: null, protectionStatus: null },
  ],
});

/** The same machine without administrator rights: Win32_EncryptableVolume refused, one volume (unwrapped by ConvertTo-Json). */
export const DISCOVERY_NOT_ELEVATED = JSON.stringify({
  bitLockerQueried: false,
  volumes: { path: '\\\\?\\Volume{5e7c2d10-9b1e-4c7e-8a7e-2f9d3c0a1b22}\\', driveLetter: 'G', label: '', fileSystem: '', size: 0, partitionSize: 4000785104896, diskNumber: 2, serial: '9WM35C3U', busType: 'USB', model: 'ST4000DM004-2CV104', lockStatus: null, conversionStatus: null, protectionStatus: null },
});

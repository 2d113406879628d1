export interface LogHit {
  file?: string;
  line: number;
  what: string;
  excerpt: string;
}
export function scanText(text: string, secrets?: string[]): LogHit[];
export function scanLogFile(file: string, from?: number): LogHit[];
export function knownSecrets(): string[];
export function fileSize(file: string): number;

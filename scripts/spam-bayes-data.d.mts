// Types for tests that rebuild the token spam model from its data (scripts/spam-bayes-data.mjs).
export interface SmsMessage {
  id: number;
  text: string;
  spam: boolean;
}
export declare const SPLIT_SEED: number;
export declare const TEST_SHARE: number;
export declare const SMS_CORPUS: string;
export declare const HAM_SETS: string[];
export declare function readSmsCorpus(root: string): SmsMessage[];
export declare function mulberry32(seed: number): () => number;
export declare function shuffle<T>(list: readonly T[], random: () => number): T[];
export declare function stratifiedSplit(messages: readonly SmsMessage[], share?: number, seed?: number): { fit: SmsMessage[]; test: SmsMessage[] };
export declare function businessTemplateTexts(root: string): string[];
export declare function trainingExamples(smsMessages: readonly SmsMessage[], templateTexts: readonly string[]): { text: string; label: string }[];

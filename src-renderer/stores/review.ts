/**
 * The Review step's model (review.run) for the copy log, manifest and language it was made for, and
 * the "Where the job is" panel's chosen states.
 */
import { create } from 'zustand';
import type { ReviewModel } from '../../src-shared/review/index.ts';
import type { DriveLifecycleState, JobLifecycleState } from '../../src-shared/lifecycle/index.ts';
import { IDLE, type Loadable } from './loadable.ts';

/** What the Review step and the life-cycle panel keep. */
export interface ReviewState {
  /** Keyed by {@link reviewKey}. */
  review: Loadable<ReviewModel>;
  /** The job state chosen in the life-cycle panel. */
  jobState?: JobLifecycleState;
  /** The drive state chosen in the life-cycle panel. */
  driveState?: DriveLifecycleState;
}

const initial: ReviewState = { review: IDLE };

/** The review store (zustand). */
export const useReviewStore = create<ReviewState>()(() => ({ ...initial }));

/** Actions on the review store. */
export const reviewStore = {
  reset(): void {
    useReviewStore.setState({ ...initial }, true);
  },
};

/** Identifies a review request: the copy log, the manifest and the language. */
export function reviewKey(copyLogPath: string, manifestPath: string, lang: string): string {
  return JSON.stringify([copyLogPath.trim(), manifestPath.trim(), lang]);
}

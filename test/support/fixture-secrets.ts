/** The shared fixtures that every format's replay test runs through. */
export const REPLAY_FIXTURES = [
  "portal-current-session.har",
  "portal-legacy-session.har",
  "chrome-sanitized-export.har",
  "reader-quirks.har",
];

/**
 * The fixtures' secret variables with their recorded values. A replay reads them from the
 * environment, as a user would pass them, so that the bodies it sends can be compared with the
 * recorded ones.
 */
export const FIXTURE_SECRETS = {
  ACCESS_TOKEN: "CANARYLIVEACCESSTOKEN9f8e7d6c",
  CONTENT_KEY_VALUE: "Q0FOQVJZQ09OVEVOVEtFWTEyMzQ1Njc4OTA=",
  API_KEY_FIELD: "CANARYFORMKEY42",
  DESCRIPTION_3:
    "upload from https://demo.blob.core.windows.net/in/clip.mp4?sv=2022-11-02&se=2026-12-01&sp=r&sig=CANARYSASSIG%2Fabc%3D",
};

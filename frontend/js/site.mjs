// Progressive enhancement only: every page works without this file.
// Loaded as a module, so browsers too old for NHS.UK frontend's JavaScript
// never run it and keep the plain HTML behaviour.
import {
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  Header,
  NotificationBanner,
  Radios,
  SkipLink,
  createAll,
} from "nhsuk-frontend";
import "./map.mjs";
import "./suggest.mjs";

// NHS.UK frontend's CSS switches on its enhanced layouts (e.g. the header's
// "More" menu) when this class is present.
document.body.classList.add("nhsuk-frontend-supported");

for (const Component of [
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  Header,
  NotificationBanner,
  Radios,
  SkipLink,
]) {
  createAll(Component);
}

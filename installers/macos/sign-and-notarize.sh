#!/usr/bin/env bash
# codesign + notarisation of the macOS app bundle (documented, not run here: it needs a Mac,
# Xcode's command line tools and an Apple Developer ID). Signs every Mach-O inside
# dist/Prossimo.app with the hardened runtime and installers/macos/entitlements.plist,
# zips it, submits it to Apple's notary service, waits, and staples the ticket.
# The identity and the notary credentials come from the environment and the keychain:
#   PROSSIMO_CODESIGN_IDENTITY  e.g. "Developer ID Application: Org (TEAMID)"
#   PROSSIMO_NOTARY_PROFILE     a profile stored once with `xcrun notarytool store-credentials`
# so no password is ever on a command line or in the repository.
# Usage: installers/macos/sign-and-notarize.sh [dist/Prossimo.app]
set -euo pipefail

app="${1:-dist/Prossimo.app}"
here=$(cd "$(dirname "$0")" && pwd)
identity="${PROSSIMO_CODESIGN_IDENTITY:-}"
profile="${PROSSIMO_NOTARY_PROFILE:-}"

[ "$(uname -s)" = "Darwin" ] || { echo "sign-and-notarize.sh: runs on macOS only" >&2; exit 1; }
for tool in codesign xcrun ditto; do
    command -v "$tool" >/dev/null 2>&1 || { echo "sign-and-notarize.sh: $tool is missing (install Xcode command line tools)" >&2; exit 1; }
done
[ -n "$identity" ] || { echo "sign-and-notarize.sh: set PROSSIMO_CODESIGN_IDENTITY" >&2; exit 1; }
[ -n "$profile" ] || { echo "sign-and-notarize.sh: set PROSSIMO_NOTARY_PROFILE" >&2; exit 1; }
[ -d "$app" ] || { echo "sign-and-notarize.sh: $app is not an app bundle (build it with PyInstaller first)" >&2; exit 1; }

# Inside-out: nested libraries first, the app last, since a parent's seal covers its children.
find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' f; do
        if file "$f" | grep -q 'Mach-O'; then
            codesign --force --timestamp --options runtime \
                --entitlements "$here/entitlements.plist" --sign "$identity" "$f"
        fi
    done
codesign --force --timestamp --options runtime \
    --entitlements "$here/entitlements.plist" --sign "$identity" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

zip="${app%.app}.zip"
ditto -c -k --keepParent "$app" "$zip"
xcrun notarytool submit "$zip" --keychain-profile "$profile" --wait
xcrun stapler staple "$app"
spctl --assess --type execute --verbose "$app"
echo "Signed, notarised and stapled $app"

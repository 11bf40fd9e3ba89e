"""The Resources screen: the directory of local services and referrals to them.

Owns the package's public face: `ResourcesPage` (page.py); the detail pane
(detail.py) and the referral dialog (refer.py) are its parts. Must never run SQL.
"""

from desktop.ui.resources.page import ResourcesPage

__all__ = ["ResourcesPage"]

# The members as type checkers see them. At run time they are built from the core's lists
# (_native.CATEGORY_VALUES, _native.TYPE_VALUES); the parts between the GENERATED lines are
# rendered from the same lists by tests/python/stubs.py (`make stubs`), and
# tests/python/test_stubs.py fails when they are stale.
import enum

__all__ = ["ConnectSessionCreateCategories", "ConnectSessionCreateType", "member_name"]

def member_name(value: str) -> str: ...

class ConnectSessionCreateCategories(str, enum.Enum):
    # BEGIN GENERATED categories: `make stubs` rewrites this part from the built module
    ATS = "ats"
    HRIS = "hris"
    HRIS_LEGACY = "hris-legacy"
    CRM = "crm"
    IAM = "iam"
    MARKETING = "marketing"
    LMS = "lms"
    STACKONE = "stackone"
    DOCUMENTS = "documents"
    TICKETING = "ticketing"
    SCREENING = "screening"
    MESSAGING = "messaging"
    ACCOUNTING = "accounting"
    SCHEDULING = "scheduling"
    # END GENERATED categories

class ConnectSessionCreateType(str, enum.Enum):
    # BEGIN GENERATED types: `make stubs` rewrites this part from the built module
    PRODUCTION = "production"
    TEST = "test"
    # END GENERATED types

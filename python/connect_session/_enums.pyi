# The members as type checkers see them. At run time they are built from the core's lists
# (_native.CATEGORY_VALUES, _native.TYPE_VALUES); the parts between the GENERATED lines are
# written from the core's lists by `make generate` (xtask/src/python.rs), and `make test`
# fails when they are stale.
import enum

__all__ = ["ConnectSessionCreateCategories", "ConnectSessionCreateType", "member_name"]

def member_name(value: str) -> str: ...

class ConnectSessionCreateCategories(str, enum.Enum):
    # BEGIN GENERATED: categories (make generate)
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
    # END GENERATED: categories

class ConnectSessionCreateType(str, enum.Enum):
    # BEGIN GENERATED: types (make generate)
    PRODUCTION = "production"
    TEST = "test"
    # END GENERATED: types

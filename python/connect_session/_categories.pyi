# The members as type checkers see them. At run time they are built from the core's
# list (_native.CATEGORY_VALUES); stubtest (make lint-py) and tests/python check that
# this stub and the run-time enum agree.
import enum

__all__ = ["ConnectSessionCreateCategories"]

class ConnectSessionCreateCategories(str, enum.Enum):
    ATS = "ats"
    HRIS = "hris"
    HRIS_LEGACY = "hris-legacy"
    CRM = "crm"
    MARKETING = "marketing"
    STACKONE = "stackone"

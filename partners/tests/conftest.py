import pytest

from partners.tests.factories import grow


@pytest.fixture
def grow_data():
    return grow

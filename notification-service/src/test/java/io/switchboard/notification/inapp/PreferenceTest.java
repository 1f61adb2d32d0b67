package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferenceTest {

    private static final Preference PUSH_OFF = new Preference(false, true);
    private static final Preference ALL_OFF = new Preference(false, false);

    @Test
    void nothingSet_bothOn() {
        assertThat(Preference.resolve(null, null)).isEqualTo(new Preference.Effective(new Preference(true, true), Preference.Source.DEFAULT));
    }

    @Test
    void theOrgWideDefault_appliesToPortalsWithoutTheirOwn() {
        assertThat(Preference.resolve(null, PUSH_OFF)).isEqualTo(new Preference.Effective(PUSH_OFF, Preference.Source.ORG));
    }

    @Test
    void aPortalsOwnSetting_wins() {
        assertThat(Preference.resolve(ALL_OFF, PUSH_OFF)).isEqualTo(new Preference.Effective(ALL_OFF, Preference.Source.PORTAL));
        assertThat(Preference.resolve(Preference.DEFAULT, ALL_OFF).preference()).isEqualTo(Preference.DEFAULT);
    }

    @Test
    void neitherOn_storesNothing() {
        assertThat(ALL_OFF.wantsAnything()).isFalse();
        assertThat(PUSH_OFF.wantsAnything()).isTrue();
        assertThat(new Preference(true, false).wantsAnything()).isTrue();
    }
}

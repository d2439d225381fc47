// @generated automatically by Diesel CLI.

diesel::table! {
    agencies (id) {
        id -> Integer,
        code -> Text,
        name_ko -> Text,
        name_en -> Text,
    }
}

diesel::table! {
    agency_aliases (alias) {
        alias -> Text,
        agency_id -> Integer,
    }
}

diesel::table! {
    changes (id) {
        id -> Integer,
        changed_at -> Timestamp,
        command -> Text,
        import_id -> Nullable<Integer>,
        entity -> Text,
        code -> Text,
        reported_on -> Nullable<Date>,
        action -> Text,
        field -> Nullable<Text>,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    assessments (id) {
        id -> Integer,
        update_id -> Integer,
        verdict -> Text,
        status -> Nullable<Text>,
        progress -> Nullable<Integer>,
        note -> Nullable<Text>,
        assessed_on -> Date,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    categories (id) {
        id -> Integer,
        code -> Text,
        name_ko -> Text,
        name_en -> Text,
    }
}

diesel::table! {
    due_revisions (id) {
        id -> Integer,
        measure_id -> Integer,
        changed_on -> Date,
        from_due -> Date,
        to_due -> Date,
        reason -> Text,
        import_id -> Nullable<Integer>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    imports (id) {
        id -> Integer,
        file_name -> Text,
        sha256 -> Text,
        kind -> Text,
        encoding -> Text,
        inserted -> Integer,
        updated -> Integer,
        unchanged -> Integer,
        rejected -> Integer,
        imported_at -> Timestamp,
        undone_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    measure_lineage (measure_id) {
        measure_id -> Integer,
        continues_id -> Integer,
    }
}

diesel::table! {
    measures (id) {
        id -> Integer,
        code -> Text,
        meeting_id -> Integer,
        parent_id -> Nullable<Integer>,
        title -> Text,
        description -> Nullable<Text>,
        category_id -> Integer,
        lead_ministry_id -> Nullable<Integer>,
        due_date -> Nullable<Date>,
        status -> Text,
        progress -> Nullable<Integer>,
        status_date -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        import_id -> Nullable<Integer>,
        original_due -> Nullable<Date>,
    }
}

diesel::table! {
    meetings (id) {
        id -> Integer,
        code -> Text,
        title -> Text,
        held_on -> Date,
        location -> Nullable<Text>,
        chair -> Nullable<Text>,
        source -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        import_id -> Nullable<Integer>,
    }
}

diesel::table! {
    round_requests (round_id, measure_id) {
        round_id -> Integer,
        measure_id -> Integer,
        agency_id -> Integer,
    }
}

diesel::table! {
    rounds (id) {
        id -> Integer,
        code -> Text,
        title -> Nullable<Text>,
        as_of -> Date,
        due -> Date,
        opened_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    status_updates (id) {
        id -> Integer,
        measure_id -> Integer,
        status -> Text,
        progress -> Nullable<Integer>,
        reported_on -> Date,
        reported_by_id -> Nullable<Integer>,
        note -> Nullable<Text>,
        import_id -> Nullable<Integer>,
        recorded_at -> Timestamp,
        import_line -> Nullable<Integer>,
        round_id -> Nullable<Integer>,
        evidence -> Nullable<Text>,
    }
}

diesel::joinable!(agency_aliases -> agencies (agency_id));
diesel::joinable!(due_revisions -> imports (import_id));
diesel::joinable!(due_revisions -> measures (measure_id));
diesel::joinable!(assessments -> status_updates (update_id));
diesel::joinable!(measures -> agencies (lead_ministry_id));
diesel::joinable!(measures -> categories (category_id));
diesel::joinable!(measures -> meetings (meeting_id));
diesel::joinable!(round_requests -> agencies (agency_id));
diesel::joinable!(round_requests -> measures (measure_id));
diesel::joinable!(round_requests -> rounds (round_id));
diesel::joinable!(status_updates -> agencies (reported_by_id));
diesel::joinable!(status_updates -> imports (import_id));
diesel::joinable!(status_updates -> measures (measure_id));
diesel::joinable!(status_updates -> rounds (round_id));

diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    agency_aliases,
    assessments,
    categories,
    changes,
    due_revisions,
    imports,
    measure_lineage,
    measures,
    meetings,
    round_requests,
    rounds,
    status_updates,
);

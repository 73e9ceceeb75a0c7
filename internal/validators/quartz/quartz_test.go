package quartz_test

import (
	"strings"
	"testing"

	goquartz "github.com/reugn/go-quartz/quartz"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators/quartz"
)

// quartzTable holds expressions with the verdict of Quartz's CronExpression
// (org.quartz.CronExpression, Quartz 2.x, quartz-scheduler/quartz
// quartz-core/src/main/java/org/quartz/CronExpression.java). "doc" cites its
// class documentation (the field table, the special characters' paragraphs
// and the notes), "src" what its parser (buildExpression,
// storeExpressionVals, checkNext, addToSet) does, with its ParseException
// message where it has one, or a test of Quartz's own CronExpressionTest,
// where the documentation is silent or differs.
var quartzTable = []struct {
	expr   string
	accept bool
	why    string
}{
	// Accepted.
	{"0 0 8 ? * 7", true, "doc: day-of-week is 1-7 or SUN-SAT, 7 is Saturday"},
	{"0 0 8 ? * MON#1", true, "doc: '#' is the nth day-of-week of the month, MON#1 the first Monday"},
	{"0 0 8 L * ?", true, "doc: 'L' in day-of-month is the last day of the month"},
	{"0 0 8 * * ?", true, "doc: daily at 08:00, '?' in day-of-week"},
	{"0 0 0 * * ?", true, "the CDN API reference's own example"},
	{"0 15 10 ? * *", true, "doc example: 10:15 every day, '?' in day-of-month"},
	{"0 15 10 * * ? *", true, "doc example: the optional seventh field, year"},
	{"0 15 10 * * ? 2005", true, "doc example: every day of 2005"},
	{"0 0/5 14 * * ?", true, "doc example: '/' gives increments, every 5 minutes from 14:00"},
	{"0 0/5 14,18 * * ?", true, "doc example: a list of hours"},
	{"0 0-5 14 * * ?", true, "doc example: a range of minutes"},
	{"0 10,44 14 ? 3 WED", true, "doc example: names of days"},
	{"0 15 10 ? * MON-FRI", true, "doc example: a range of day names"},
	{"0 15 10 15 * ?", true, "doc example: the 15th of every month"},
	{"0 15 10 ? * 6L", true, "doc example: 'nL' in day-of-week, the last Friday"},
	{"0 15 10 ? * 6#3", true, "doc example: the third Friday"},
	{"0 15 10 L-2 * ?", true, "doc example: 'L-2', the second-to-last day"},
	{"0 0 12 1/5 * ?", true, "doc example: every 5 days from the 1st"},
	{"0 11 11 11 11 ?", true, "doc example: November 11th at 11:11"},
	{"0 0 8 15W * ?", true, "doc: 'W', the weekday nearest the 15th"},
	{"0 0 8 LW * ?", true, "doc: 'LW', the last weekday of the month"},
	{"0 0 8 ? * L", true, "doc: 'L' alone in day-of-week means 7, Saturday"},
	{"0 0 8 ? JAN-MAR SUN", true, "doc: month names JAN-DEC"},
	{"0 0 8 ? * sun", true, "doc: names and special characters are not case sensitive"},
	{"0 0 8 l * ?", true, "doc: not case sensitive, 'l' is 'L'"},
	{"0\t0\t8\t?\t*\tMON", true, "src: fields are tokenized on spaces and tabs"},
	{"59 59 23 31 12 ?", true, "doc: the upper bound of every field"},
	{"*/10 * * * * ?", true, "doc: '*/10' is every 10 seconds"},
	{"0 0 8 ? * MON,WED,FRI", true, "doc: a list of day names"},
	{"0 0 22-2 * * ?", true, "src: a range may wrap around the field's end (addToSet), 22:00 to 02:00"},
	{"0 0 8 ? * FRI-MON", true, "src: a wrapping range of days, Friday to Monday"},
	{"0 0 22-2/2 * * ?", true, "src: a wrapping range with an increment, 22:00, 00:00 and 02:00"},
	{"0 0 8 28-3 * ?", true, "src: a wrapping range of days of the month, the 28th to the 3rd"},
	{"*/0 0 8 * * ?", true, "src: an increment of 0 after '*' is taken as 1 (addToSet)"},
	{"0 0-30/90 8 * * ?", true, "src: the increment of a range is not checked against the field (only that of 'a/n' and '*/n' is)"},
	{"0 0 8 * * ? 1969", true, "src: the parser checks no year bounds, although the doc's table says 1970-2099"},
	{"0 0 8 L-3W * ?", true, "src: 'L-n' may end in 'W', the weekday nearest the third-to-last day"},
	{"0 0 8 L-0 * ?", true, "src: an offset of 0 from the last day (at most 30)"},

	// Refused.
	{"0 0 8 * * *", false, "doc: '?' must be in day-of-month or day-of-week; src CronExpressionTest.testQuartz621 refuses \"0 0 * * * *\""},
	{"0 0 8 1 * *", false, "src testQuartz621: '*' in day-of-week counts as specified (\"0 0 * 4 * *\")"},
	{"0 0 8 * * 4", false, "src testQuartz621: '*' in day-of-month counts as specified (\"0 0 * * * 4\")"},
	{"0 0 8 1 * MON", false, "doc: both day fields specified is not supported"},
	{"0 0 8 ? * ?", false, "src: \"'?' can only be specified for Day-of-Month -OR- Day-of-Week\""},
	{"? 0 8 * * ?", false, "doc: '?' is a special character of day-of-month and day-of-week only"},
	{"0 0 8 * ? ?", false, "doc: '?' is not allowed in month"},
	{"0 0 8 * *", false, "doc: six fields are required (a Unix five-field crontab is not Quartz)"},
	{"@daily", false, "doc: Quartz has no '@' macros"},
	{"", false, "doc: six fields are required"},
	{"60 0 8 * * ?", false, "doc: seconds are 0-59"},
	{"0 60 8 * * ?", false, "doc: minutes are 0-59"},
	{"0 0 24 * * ?", false, "doc: hours are 0-23"},
	{"0 0 8 32 * ?", false, "doc: day-of-month is 1-31"},
	{"0 0 8 0 * ?", false, "doc: day-of-month is 1-31"},
	{"0 0 8 ? 13 *", false, "doc: month is 1-12"},
	{"0 0 8 ? * 0", false, "doc: day-of-week is 1-7 (Unix cron's 0 for Sunday is not Quartz)"},
	{"0 0 8 ? * 8", false, "doc: day-of-week is 1-7"},
	{"0 0 8 ? * MON#6", false, "src: \"A numeric value between 1 and 5 must follow the '#' option\""},
	{"0 0 8 ? * 2#1,6#3", false, "doc: with '#' there can only be one expression in day-of-week (\"3#1,6#3\" is not valid)"},
	{"0 0 8 ? * FOO", false, "doc: day names are SUN-SAT"},
	{"0 0 8 L-31 * ?", false, "src: \"Offset from last day must be <= 30\""},
	{"0 0 8 L,15 * ?", false, "doc: with 'L' do not specify lists; src: \"Support for specifying 'L' and 'LW' with other days of the month is not implemented\""},
	{"0 0 8 32W * ?", false, "src: \"The 'W' option does not make sense with values larger than 31\""},
	{"0 0/60 8 * * ?", false, "src: an increment of minutes must be below 60"},
	{"0 0 8 * * ? 2031-2030", false, "src: \"Start year must be less than stop year\" (a year range does not wrap)"},
	{"0 0 8 * * ? JAN", false, "src: names are months and days only (\"Illegal characters for this position\")"},
	{"0 0 8 ? * MON-", false, "src: a range needs its end"},
}

func TestValidate_quartzTable(t *testing.T) {
	if n := len(quartzTable); n < 30 {
		t.Fatalf("the table has %d expressions; it must have at least 30", n)
	}
	for _, tc := range quartzTable {
		err := quartz.Validate(tc.expr)
		if tc.accept && err != nil {
			t.Errorf("Validate(%q) = %v; Quartz accepts it (%s)", tc.expr, err, tc.why)
		}
		if !tc.accept && err == nil {
			t.Errorf("Validate(%q) accepted it; Quartz refuses it (%s)", tc.expr, tc.why)
		}
	}
}

// TestValidate_rulesOnTopOfGoQuartz shows that each rule added on top of
// go-quartz is needed: go-quartz alone answers these the other way.
func TestValidate_rulesOnTopOfGoQuartz(t *testing.T) {
	for _, expr := range []string{
		"0 0 8 * * *",       // both day fields '*'
		"0 0 8 ? * ?",       // both '?'
		"? 0 8 * * ?",       // '?' outside the day fields
		"@daily",            // a macro
		"0 0 8 l * ?",       // lower-case 'L'
		"0 0 22-2 * * ?",    // a wrapping range
		"0 0 8 ? * FRI-MON", // a wrapping range of names
		"0 0 8 L-31 * ?",    // last-day offset above 30
		"0 0 8 * *\n* ?",    // a newline as a separator
		"0 0 8 1 * *",       // day-of-month and '*' day-of-week
	} {
		goErr := goquartz.ValidateCronExpression(expr)
		ourErr := quartz.Validate(expr)
		if (goErr == nil) == (ourErr == nil) {
			t.Errorf("%q: go-quartz and Validate agree (go-quartz: %v, Validate: %v); the rule on top is not needed", expr, goErr, ourErr)
		}
	}
}

// The error names the rule broken.
func TestValidate_messages(t *testing.T) {
	for expr, want := range map[string]string{
		"0 0 8 * * *":           "one of them must be '?'",
		"0 0 8 ? * ?":           "exactly one of them must be '?'",
		"? 0 8 * * ?":           "the second field is \"?\": '?' is allowed only in day-of-month and day-of-week",
		"0 0 8 * *":             "it has 5 fields",
		"0 0 24 * * ?":          "the hour field \"24\" is not valid",
		"0 0 8 ? * MON#6":       "the day-of-week field \"MON#6\" is not valid",
		"0 0 8 * * ? 2031-2030": "the year field \"2031-2030\" is not valid",
	} {
		err := quartz.Validate(expr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate(%q) = %v; want an error containing %q", expr, err, want)
		}
	}
}

package whatif

import (
	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent"
)

// FromRows is the subject of an evaluation as stored: the department-year dy,
// the project p (nil for the department-year's overall evaluation) and the
// subject's indicators in order.
func FromRows(dy *ent.DepartmentYear, p *ent.Project, inds []*ent.Indicator) Subject {
	var s Subject
	if dy != nil {
		s.Figures = Figures{
			PersonnelBudget: dy.PersonnelBudget.Decimal(), PersonnelActual: dy.PersonnelActual.Decimal(),
			PublicBudget: dy.PublicBudget.Decimal(), PublicActual: dy.PublicActual.Decimal(),
			ProjectBudget: dy.ProjectBudget.Decimal(), ProjectActual: dy.ProjectActual.Decimal(),
			CarryoverEnd:      dy.CarryoverEnd.Decimal(),
			ThreePublicBudget: dy.ThreePublicBudget.Decimal(), ThreePublicActual: dy.ThreePublicActual.Decimal(),
			AssetsInUse: dy.AssetsInUse.Decimal(), AssetsTotal: dy.AssetsTotal.Decimal(),
		}
	}
	if p != nil {
		s.Project = &Project{Budget: p.Budget.Decimal(), Executed: p.Executed.Decimal()}
	}
	s.Indicators = make([]Indicator, len(inds))
	for i, ind := range inds {
		in := Indicator{ID: ind.ID, Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name, Unit: ind.Unit}
		in.Kind = scoring.Kind(ind.Kind)
		in.Weight = ind.Weight.Decimal()
		in.Actual = fixed.Ptr(ind.Actual)
		in.RatedScore = fixed.Ptr(ind.RatedScore)
		if ind.Operator != nil {
			in.Operator = scoring.Operator(*ind.Operator)
		}
		if ind.Target != nil {
			in.Target = ind.Target.Decimal()
		}
		if ind.Rating != nil {
			in.Rating = scoring.Rating(*ind.Rating)
		}
		if ind.Binding != nil {
			in.Binding = scoring.Binding(*ind.Binding)
			in.Actual = nil
		}
		s.Indicators[i] = in
	}
	return s
}

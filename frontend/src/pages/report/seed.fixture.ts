// The demo's overall evaluation of the seed report's department-year, as the API answered
// ReportEvaluation (the figures of nansha-2023-self-evaluation-report.txt: 1829.40, 99.69 优).
import type { ReportEvaluation } from "./query";

export const seedEvaluation: ReportEvaluation = {
  "__typename": "Evaluation",
  "id": "8589934594",
  "status": "DRAFT",
  "score": "99.69",
  "grade": "EXCELLENT",
  "gradeLabel": "优",
  "conclusion": "南沙区委办公室按评分标准和实际情况开展自评。各项工作任务有序推进，预算编制、预算执行、信息公开、绩效管理、采购管理、资产管理和运行成本等方面管理规范，履职效能和管理效率成效明显，较好完成了年初设定的总体工作目标和重点工作任务。",
  "problems": "一是部门绩效管理制度仍需进一步规范。二是预算资金支付均衡性有待提高：一般公共预算支出年度执行率为99.63%，但个别月份支出进度未达到序时目标。",
  "improvements": "一是修订完善绩效管理制度，健全内部绩效管理和运行机制，提高工作效率。二是加强预算执行：坚持过紧日子，跟踪预算支付进度，提前谋划工作并将项目支出计划分解到月，提高资金支付均衡性。",
  "executionRate": "99.63",
  "executionScore": null,
  "monthsBehind": [
    3,
    6
  ],
  "subtotals": [
    {
      "level1": "履职效能",
      "level2": null,
      "score": "50.00",
      "weight": "50.00"
    },
    {
      "level1": "履职效能",
      "level2": "产出",
      "score": "25.00",
      "weight": "25.00"
    },
    {
      "level1": "履职效能",
      "level2": "效益",
      "score": "25.00",
      "weight": "25.00"
    },
    {
      "level1": "管理效率",
      "level2": null,
      "score": "49.69",
      "weight": "50.00"
    },
    {
      "level1": "管理效率",
      "level2": "预算编制",
      "score": "5.00",
      "weight": "5.00"
    },
    {
      "level1": "管理效率",
      "level2": "预算执行",
      "score": "19.96",
      "weight": "20.00"
    },
    {
      "level1": "管理效率",
      "level2": "信息公开",
      "score": "5.00",
      "weight": "5.00"
    },
    {
      "level1": "管理效率",
      "level2": "绩效管理",
      "score": "4.73",
      "weight": "5.00"
    },
    {
      "level1": "管理效率",
      "level2": "采购管理",
      "score": "5.00",
      "weight": "5.00"
    },
    {
      "level1": "管理效率",
      "level2": "资产管理",
      "score": "5.00",
      "weight": "5.00"
    },
    {
      "level1": "管理效率",
      "level2": "运行成本",
      "score": "5.00",
      "weight": "5.00"
    }
  ],
  "project": null,
  "indicators": [
    {
      "id": "12884901892",
      "position": 1,
      "level1": "履职效能",
      "level2": "产出",
      "name": "交办任务事项完成率",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "100.00",
      "unit": "%",
      "weight": "7.00",
      "effectiveActual": "100.00",
      "completionRate": "100.00",
      "score": "7.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901893",
      "position": 2,
      "level1": "履职效能",
      "level2": "产出",
      "name": "业务岗位培训人数",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "80.00",
      "unit": "人次",
      "weight": "6.00",
      "effectiveActual": "88.00",
      "completionRate": "110.00",
      "score": "6.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901894",
      "position": 3,
      "level1": "履职效能",
      "level2": "产出",
      "name": "会议参与人数",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "900.00",
      "unit": "人次",
      "weight": "6.00",
      "effectiveActual": "1300.00",
      "completionRate": "144.44",
      "score": "6.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": "全年区委会议和专题活动场次多于年初预计，参会人次相应大幅增加。"
    },
    {
      "id": "12884901895",
      "position": 4,
      "level1": "履职效能",
      "level2": "产出",
      "name": "后勤保障服务完成及时性",
      "kind": "QUANTITATIVE",
      "operator": "EQ",
      "target": "100.00",
      "unit": "%",
      "weight": "6.00",
      "effectiveActual": "100.00",
      "completionRate": "100.00",
      "score": "6.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901896",
      "position": 5,
      "level1": "履职效能",
      "level2": "效益",
      "name": "成果被采纳应用率",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "100.00",
      "unit": "%",
      "weight": "7.00",
      "effectiveActual": "100.00",
      "completionRate": "100.00",
      "score": "7.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901897",
      "position": 6,
      "level1": "履职效能",
      "level2": "效益",
      "name": "信息稿件被省采纳",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "15.00",
      "unit": "篇",
      "weight": "6.00",
      "effectiveActual": "20.00",
      "completionRate": "133.33",
      "score": "6.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": "《南沙信息》改版后刊发频次和稿件质量提高，被省委刊物采纳的篇数超出年初预期。"
    },
    {
      "id": "12884901898",
      "position": 7,
      "level1": "履职效能",
      "level2": "效益",
      "name": "信息稿件被国家采纳",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "3.00",
      "unit": "篇",
      "weight": "6.00",
      "effectiveActual": "3.00",
      "completionRate": "100.00",
      "score": "6.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901899",
      "position": 8,
      "level1": "履职效能",
      "level2": "效益",
      "name": "信息稿件或批示次数",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "30.00",
      "unit": "次",
      "weight": "6.00",
      "effectiveActual": "36.00",
      "completionRate": "120.00",
      "score": "6.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901900",
      "position": 9,
      "level1": "管理效率",
      "level2": "预算编制",
      "name": "预算编制规范性",
      "kind": "QUALITATIVE",
      "operator": null,
      "target": null,
      "unit": "",
      "weight": "5.00",
      "effectiveActual": null,
      "completionRate": null,
      "score": "5.00",
      "attainment": "1.00",
      "rating": "ACHIEVED",
      "deviationReason": ""
    },
    {
      "id": "12884901901",
      "position": 10,
      "level1": "管理效率",
      "level2": "预算执行",
      "name": "预算资金支出率",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "100.00",
      "unit": "%",
      "weight": "10.00",
      "effectiveActual": "99.630213",
      "completionRate": "99.63",
      "score": "9.96",
      "attainment": "0.996",
      "rating": null,
      "deviationReason": "部分项目按实际工作量结算，少量预算资金未支出；个别月份支出进度未达到序时目标。"
    },
    {
      "id": "12884901902",
      "position": 11,
      "level1": "管理效率",
      "level2": "预算执行",
      "name": "结转结余率",
      "kind": "QUANTITATIVE",
      "operator": "LE",
      "target": "10.00",
      "unit": "%",
      "weight": "5.00",
      "effectiveActual": "0.250355",
      "completionRate": "2.50",
      "score": "5.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901903",
      "position": 12,
      "level1": "管理效率",
      "level2": "预算执行",
      "name": "财务管理合规性",
      "kind": "QUALITATIVE",
      "operator": null,
      "target": null,
      "unit": "",
      "weight": "5.00",
      "effectiveActual": null,
      "completionRate": null,
      "score": "5.00",
      "attainment": "1.00",
      "rating": "ACHIEVED",
      "deviationReason": ""
    },
    {
      "id": "12884901904",
      "position": 13,
      "level1": "管理效率",
      "level2": "信息公开",
      "name": "预决算及绩效信息公开",
      "kind": "QUALITATIVE",
      "operator": null,
      "target": null,
      "unit": "",
      "weight": "5.00",
      "effectiveActual": null,
      "completionRate": null,
      "score": "5.00",
      "attainment": "1.00",
      "rating": "ACHIEVED",
      "deviationReason": ""
    },
    {
      "id": "12884901905",
      "position": 14,
      "level1": "管理效率",
      "level2": "绩效管理",
      "name": "绩效管理制度健全性",
      "kind": "QUALITATIVE",
      "operator": null,
      "target": null,
      "unit": "",
      "weight": "5.00",
      "effectiveActual": null,
      "completionRate": null,
      "score": "4.73",
      "attainment": "0.946",
      "rating": "ACHIEVED",
      "deviationReason": ""
    },
    {
      "id": "12884901906",
      "position": 15,
      "level1": "管理效率",
      "level2": "采购管理",
      "name": "政府采购规范性",
      "kind": "QUALITATIVE",
      "operator": null,
      "target": null,
      "unit": "",
      "weight": "5.00",
      "effectiveActual": null,
      "completionRate": null,
      "score": "5.00",
      "attainment": "1.00",
      "rating": "ACHIEVED",
      "deviationReason": ""
    },
    {
      "id": "12884901907",
      "position": 16,
      "level1": "管理效率",
      "level2": "资产管理",
      "name": "固定资产利用率",
      "kind": "QUANTITATIVE",
      "operator": "GE",
      "target": "95.00",
      "unit": "%",
      "weight": "5.00",
      "effectiveActual": "96.00",
      "completionRate": "101.05",
      "score": "5.00",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901908",
      "position": 17,
      "level1": "管理效率",
      "level2": "运行成本",
      "name": "公用经费控制率",
      "kind": "QUANTITATIVE",
      "operator": "LE",
      "target": "100.00",
      "unit": "%",
      "weight": "2.50",
      "effectiveActual": "94.5125",
      "completionRate": "94.51",
      "score": "2.50",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    },
    {
      "id": "12884901909",
      "position": 18,
      "level1": "管理效率",
      "level2": "运行成本",
      "name": "三公经费控制率",
      "kind": "QUANTITATIVE",
      "operator": "LE",
      "target": "100.00",
      "unit": "%",
      "weight": "2.50",
      "effectiveActual": "80.00",
      "completionRate": "80.00",
      "score": "2.50",
      "attainment": "1.00",
      "rating": null,
      "deviationReason": ""
    }
  ],
  "departmentYear": {
    "id": "4294967298",
    "year": 2023,
    "goal": "压实全面从严治党主体责任，提高政治站位；加强统筹协调，发挥好运转枢纽作用；以文辅政，高质量提供参谋服务；强化督查督办，推动重大决策部署落到实处；做好公务和后勤服务保障。",
    "totalBudget": "1836.19",
    "basicBudget": "968.20",
    "projectBudget": "867.99",
    "totalActual": "1829.40",
    "basicActual": "962.44",
    "personnelActual": "886.83",
    "publicActual": "75.61",
    "projectActual": "866.96",
    "carryoverStart": "4.58",
    "carryoverEnd": "4.58",
    "carryoverRate": "0.25",
    "executionRate": "99.63",
    "monthsBehind": [
      3,
      6
    ],
    "department": {
      "id": "2",
      "code": "440115-001",
      "name": "中共广州市南沙区委员会办公室",
      "functions": "区委的综合协调办事机构，贯彻落实党中央和省委、市委、区委的决策部署，协助区委领导处理日常工作，办理上级交办的事项。履行统筹协调、参谋助手、督促检查和服务保障职责，并承担区委重要会议材料和规范性文件的印刷。"
    },
    "keyTasks": [
      {
        "id": "17179869185",
        "position": 1,
        "title": "围绕区委中心工作，做好以文辅政",
        "content": "推进《南沙信息》及其子刊改版：提高刊发频次和时效，按信息类别办好定位清晰的子刊，提升刊物质量和参谋辅政作用。",
        "outcome": "工作日常态化刊发《南沙信息·每日快报》，落实紧急信息“1小时”报送要求；向上级党委刊物的投稿量、采纳量和获领导批示次数明显增加。"
      },
      {
        "id": "17179869186",
        "position": 2,
        "title": "积极发挥中枢机关作用，服务区委推动省委、市委重大决策部署落地落实",
        "content": "跟踪办理领导同志批示和交办事项，督办重点工作落实，提升公务后勤服务保障水平。",
        "outcome": "批示和交办事项办理及时有效，重点工作推进扎实，中央、省委、市委和区委的重大决策部署得到落实。"
      }
    ],
    "projects": {
      "totalCount": 3,
      "edges": [
        {
          "node": {
            "id": "25769803777",
            "code": "NS-2023-01",
            "name": "督查督办",
            "budget": "120.00",
            "executed": "118.50",
            "executionRate": "98.75"
          }
        },
        {
          "node": {
            "id": "25769803778",
            "code": "NS-2023-02",
            "name": "信息工作辅助服务",
            "budget": "260.00",
            "executed": "259.20",
            "executionRate": "99.69"
          }
        },
        {
          "node": {
            "id": "25769803779",
            "code": "NS-2023-03",
            "name": "会议及综合服务",
            "budget": "310.00",
            "executed": "305.80",
            "executionRate": "98.65"
          }
        }
      ]
    }
  }
};
